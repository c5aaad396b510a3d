// Package e2e holds SINOP's browser tests: headless Chromium, driven by chromedp, walks the main
// flows against a real server on PostgreSQL and MinIO.
package e2e
