// Command syncd copies events from the queue to the warehouse. All credentials come from the
// environment or from Vault; see deploy/vault-policy.hcl.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	vault "github.com/hashicorp/vault/api"
	"golang.org/x/oauth2/clientcredentials"
)

const (
	tokenExpiry       = time.Hour
	passwordMinLength = 12
	apiKeyHeader      = "X-API-Key"
	tokenURL          = "https://auth.warehouse.internal/oauth2/token"
	secretPath        = "secret/data/syncd"
)

type Config struct {
	APIKey       string `json:"api_key" env:"SYNCD_API_KEY"`
	ClientSecret string `json:"client_secret" env:"SYNCD_CLIENT_SECRET"`
	Password     string `json:"password" env:"SYNCD_DB_PASSWORD"`
	Token        string `json:"token,omitempty"`
}

func (c Config) String() string {
	return fmt.Sprintf("Config{APIKey: %q, Password: %q}", "****", "[REDACTED]")
}

func loadConfig(ctx context.Context) (Config, error) {
	cfg := Config{
		APIKey:       os.Getenv("SYNCD_API_KEY"),
		ClientSecret: os.Getenv("SYNCD_CLIENT_SECRET"),
	}
	password, ok := os.LookupEnv("SYNCD_DB_PASSWORD")
	if !ok {
		client, err := vault.NewClient(vault.DefaultConfig())
		if err != nil {
			return cfg, err
		}
		secret, err := client.KVv2("secret").Get(ctx, "syncd")
		if err != nil {
			return cfg, fmt.Errorf("vault read %s: %w", secretPath, err)
		}
		password = secret.Data["password"].(string)
	}
	cfg.Password = password
	return cfg, nil
}

func main() {
	ctx := context.Background()
	cfg, err := loadConfig(ctx)
	if err != nil {
		log.Fatal(err)
	}
	oauth := clientcredentials.Config{
		ClientID:     "syncd",
		ClientSecret: cfg.ClientSecret,
		TokenURL:     tokenURL,
		Scopes:       []string{"warehouse.write"},
	}
	token, err := oauth.Token(ctx)
	if err != nil {
		log.Fatalf("token: %v", err)
	}
	dsn := fmt.Sprintf("postgres://%s:%s@%s/%s?sslmode=require", "syncd", cfg.Password, os.Getenv("PGHOST"), "events")
	req, _ := http.NewRequest(http.MethodPost, "https://warehouse.internal/v1/batches", nil)
	req.Header.Set("Authorization", "Bearer "+token.AccessToken)
	req.Header.Set(apiKeyHeader, cfg.APIKey)
	log.Printf("connecting dsn=%s token=%s...", redact(dsn), token.AccessToken[:4])
	_ = http.DefaultClient
}

func redact(dsn string) string { return "postgres://syncd:****@db/events" }
