//go:build !unix

package bench

import "os"

// peakRSS is unknown on this system.
func peakRSS(*os.ProcessState) int64 { return 0 }
