package review

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// csvHeader is the credential report's columns.
var csvHeader = []string{
	"account", "user", "uin", "type", "created", "console_login", "login_protection", "operation_protection",
	"mfa_device", "last_login", "key_1_id", "key_1_active", "key_1_age_days", "key_1_last_used",
	"key_2_id", "key_2_active", "key_2_age_days", "key_2_last_used", "more_keys",
}

// WriteCSV writes the credential report: one row per sub-user with the
// columns of Tencent's and AWS's credential reports (user, type, created,
// console login, login and operation protection, MFA device, each key with its
// age and last use, last login). Unknown values are "unknown"; "never" means
// known never. Cells that a spreadsheet would read as a formula are prefixed
// with a quote.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("review: writing CSV: %w", err)
	}
	for _, u := range r.Users {
		row := []string{
			strconv.FormatUint(u.Account, 10), u.User, strconv.FormatUint(u.UIN, 10), u.Type, csvTime(u.Created, true),
			strconv.FormatBool(u.ConsoleLogin), u.LoginProtection, u.OperationProtection, strconv.FormatBool(u.MFADevice),
			csvTime(u.LastLogin, u.LastLoginKnown),
		}
		for i := 0; i < 2; i++ {
			switch {
			case !u.KeysKnown:
				row = append(row, "unknown", "unknown", "unknown", "unknown")
			case i < len(u.Keys):
				k := u.Keys[i]
				row = append(row, k.ID, strconv.FormatBool(k.Active), strconv.Itoa(k.AgeDays), csvTime(k.LastUsed, true))
			default:
				row = append(row, "", "", "", "")
			}
		}
		more := 0
		if len(u.Keys) > 2 {
			more = len(u.Keys) - 2
		}
		row = append(row, strconv.Itoa(more))
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("review: writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("review: writing CSV: %w", err)
	}
	return nil
}

func csvTime(t time.Time, known bool) string {
	switch {
	case !known:
		return "unknown"
	case t.IsZero():
		return "never"
	}
	return t.UTC().Format(time.RFC3339)
}

// csvSafe defuses spreadsheet formulas.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
