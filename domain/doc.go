// Package domain holds SINOP's rules that need no I/O: identity numbers, the proposal workflow,
// quota arithmetic, and formatting for Indonesian screens. Handlers and storage both import it.
package domain
