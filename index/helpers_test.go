package index

import "time"

// parseTestDate parses a YYYY-MM-DD date.
func parseTestDate(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
