// Command sinop runs SINOP. Subcommands: serve, migrate, user create, agency create,
// reference load, demo.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"sinop/config"
	"sinop/demo"
	"sinop/domain"
	"sinop/handlers"
	"sinop/storage"
)

const usage = `usage: sinop <command>

commands:
  serve                 run the web server on LISTEN_ADDR
  migrate               apply pending database migrations
  user create           create an account: -role, -username, -password (or SINOP_PASSWORD), -agency CODE
  agency create         create an agency (OPD): -code, -name, -kind
  reference load        add the built-in reference lists (religions, education levels, classifications,
                        salary standards, positions); rows already present are kept
  demo                  load the demo data set once (agencies, reference data, letters, proposals, users)

Configuration comes from environment variables; see README.md.
`

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := run(ctx, log, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "sinop:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, log *slog.Logger, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("missing command")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, log)
	case "migrate":
		return withStore(ctx, func(store *storage.Store) error { return store.Migrate() })
	case "user":
		if len(args) < 2 || args[1] != "create" {
			return errors.New(`unknown user command: use "sinop user create"`)
		}
		return createUser(ctx, args[2:])
	case "agency":
		if len(args) < 2 || args[1] != "create" {
			return errors.New(`unknown agency command: use "sinop agency create"`)
		}
		return createAgency(ctx, args[2:])
	case "reference":
		if len(args) < 2 || args[1] != "load" {
			return errors.New(`unknown reference command: use "sinop reference load"`)
		}
		return withStore(ctx, func(store *storage.Store) error {
			if err := store.Migrate(); err != nil {
				return err
			}
			if err := demo.LoadReference(ctx, store); err != nil {
				return err
			}
			fmt.Println("reference lists loaded; edit salary standards and positions to the regency's own")
			return nil
		})
	case "demo":
		return withStore(ctx, func(store *storage.Store) error {
			if err := store.Migrate(); err != nil {
				return err
			}
			objects, err := openObjects(ctx)
			if err != nil {
				return err
			}
			return demo.Load(ctx, store, objects, os.Stdout)
		})
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func serve(ctx context.Context, log *slog.Logger) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Migrate(); err != nil {
		return err
	}
	objects, err := storage.OpenObjects(ctx, objectsConfig(cfg))
	if err != nil {
		return err
	}
	app, err := handlers.New(cfg, store, objects, log)
	if err != nil {
		return err
	}

	server := &http.Server{
		Addr:              cfg.ListenAddr,
		Handler:           app.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() {
		log.Info("listening", "addr", cfg.ListenAddr)
		errc <- server.ListenAndServe()
	}()
	go app.RunMaintenance(ctx, time.Hour)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

func objectsConfig(cfg config.Config) storage.ObjectsConfig {
	return storage.ObjectsConfig{
		Endpoint:  cfg.S3Endpoint,
		AccessKey: cfg.S3AccessKey,
		SecretKey: cfg.S3SecretKey,
		Bucket:    cfg.S3Bucket,
		UseSSL:    cfg.S3UseSSL,
		Timeout:   cfg.S3Timeout,
	}
}

func openObjects(ctx context.Context) (*storage.Objects, error) {
	cfg, err := config.Load()
	if err != nil {
		return nil, err
	}
	return storage.OpenObjects(ctx, objectsConfig(cfg))
}

// withStore opens the database named by DATABASE_URL alone, so migrate and user commands do not
// need object storage settings.
func withStore(ctx context.Context, fn func(*storage.Store) error) error {
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		return errors.New("missing DATABASE_URL: set it in the environment")
	}
	store, err := storage.Open(ctx, url)
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(store)
}

func createUser(ctx context.Context, args []string) error {
	flags := flag.NewFlagSet("user create", flag.ContinueOnError)
	role := flags.String("role", "", "superadmin, bkd or opd")
	username := flags.String("username", "", "login name")
	password := flags.String("password", "", "password, at least 10 characters (or set SINOP_PASSWORD)")
	agency := flags.String("agency", "", "agency code, required for role opd")
	fullName := flags.String("name", "", "full name shown in the app")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *password == "" {
		*password = os.Getenv("SINOP_PASSWORD")
	}
	r := domain.Role(*role)
	switch {
	case !r.Valid():
		return fmt.Errorf("invalid -role %q: use superadmin, bkd or opd", *role)
	case *username == "":
		return errors.New("missing -username")
	case len(*password) < 10:
		return errors.New("invalid -password: use at least 10 characters")
	case r == domain.RoleOPD && *agency == "":
		return errors.New("missing -agency: role opd needs the agency code")
	}
	return withStore(ctx, func(store *storage.Store) error {
		if err := store.Migrate(); err != nil {
			return err
		}
		u := storage.NewUser{Username: *username, FullName: *fullName, Password: *password, Role: r}
		if r == domain.RoleOPD {
			a, err := store.AgencyByCode(ctx, *agency)
			if errors.Is(err, storage.ErrNotFound) {
				return fmt.Errorf("invalid -agency %q: no agency has this code", *agency)
			}
			if err != nil {
				return err
			}
			u.AgencyID = a.ID
		}
		id, err := store.CreateUser(ctx, u)
		if errors.Is(err, storage.ErrUsernameTaken) {
			return fmt.Errorf("invalid -username %q: already taken", *username)
		}
		if err != nil {
			return err
		}
		fmt.Printf("created user %s (id %d, role %s)\n", *username, id, r)
		return nil
	})
}

// agencyKinds are the kinds the agencies table accepts.
var agencyKinds = []string{"dinas", "badan", "kecamatan", "puskesmas", "sekretariat", "other"}

func createAgency(ctx context.Context, args []string) error {
	flags := flag.NewFlagSet("agency create", flag.ContinueOnError)
	code := flags.String("code", "", "agency code, unique (for example 1.02.01)")
	name := flags.String("name", "", "agency name as shown in the app")
	kind := flags.String("kind", "", strings.Join(agencyKinds, ", "))
	if err := flags.Parse(args); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*code) == "":
		return errors.New("missing -code")
	case strings.TrimSpace(*name) == "":
		return errors.New("missing -name")
	case !slices.Contains(agencyKinds, *kind):
		return fmt.Errorf("invalid -kind %q: use one of %s", *kind, strings.Join(agencyKinds, ", "))
	}
	return withStore(ctx, func(store *storage.Store) error {
		if err := store.Migrate(); err != nil {
			return err
		}
		id, err := store.CreateAgency(ctx, storage.Agency{Code: strings.TrimSpace(*code), Name: strings.TrimSpace(*name), Kind: *kind})
		if errors.Is(err, storage.ErrAgencyCodeTaken) {
			return fmt.Errorf("invalid -code %q: already taken", *code)
		}
		if err != nil {
			return err
		}
		fmt.Printf("created agency %s (id %d)\n", *code, id)
		return nil
	})
}
