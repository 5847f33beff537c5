package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SettingBaseURL is the site's public address as tandem serve was last
// given it, without a trailing slash.
const SettingBaseURL = "base_url"

// Setting returns the site setting name, or "" when it is not set.
func Setting(ctx context.Context, q Querier, name string) (string, error) {
	var v string
	err := q.QueryRow(ctx, `SELECT value FROM site_settings WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", name, err)
	}
	return v, nil
}

// SetSetting sets the site setting name to value.
func SetSetting(ctx context.Context, q Querier, name, value string) error {
	if _, err := q.Exec(ctx, `INSERT INTO site_settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value); err != nil {
		return fmt.Errorf("set setting %s: %w", name, err)
	}
	return nil
}
