package bench

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Machine describes where a benchmark ran.
type Machine struct {
	CPU      string `json:"cpu"`   // model name from /proc/cpuinfo
	Cores    int    `json:"cores"` // logical CPUs usable by the process
	MemBytes int64  `json:"mem_bytes"`
	OS       string `json:"os"`
	Go       string `json:"go"`
	Commit   string `json:"commit"` // git commit, "+dirty" when the tree had changes
	Date     string `json:"date"`   // UTC, RFC 3339
}

// ThisMachine describes the running machine and the git checkout in the
// working directory. Facts it cannot find are "unknown". Changes to the
// files named in outputs (paths relative to the working directory, such as
// the BENCH.md that the run itself rewrites) do not make the tree dirty.
func ThisMachine(outputs ...string) Machine {
	m := Machine{
		CPU:    "unknown",
		Cores:  runtime.NumCPU(),
		OS:     runtime.GOOS + "/" + runtime.GOARCH,
		Go:     runtime.Version(),
		Commit: "unknown",
		Date:   time.Now().UTC().Format(time.RFC3339),
	}
	if v, ok := procField("/proc/cpuinfo", "model name"); ok {
		m.CPU = v
	}
	if v, ok := procField("/proc/meminfo", "MemTotal"); ok {
		if kb, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64); err == nil {
			m.MemBytes = kb << 10
		}
	}
	if out, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
		args := []string{"status", "--porcelain", "--untracked-files=no", "--", "."}
		for _, o := range outputs {
			if rel, ok := insideWD(o); ok {
				args = append(args, ":(exclude)"+rel)
			}
		}
		if st, err := exec.Command("git", args...).Output(); err == nil && len(st) > 0 {
			m.Commit += "+dirty"
		}
	}
	return m
}

// insideWD returns path relative to the working directory, and whether it
// lies below it.
func insideWD(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// procField returns the value of the first "key : value" line of a /proc
// file.
func procField(path, key string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close() // read-only
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}
