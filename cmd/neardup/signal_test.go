package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dedupeStages are the stages of a dedupe --out run, in order, as the
// stage log (stageLogEnv) names them.
var dedupeStages = []string{"read", "lsh", "boilerplate", "compare", "cluster", "align", "write"}

// TestSignalsStopDedupe sends SIGTERM or SIGINT to a real neardup dedupe
// as each of its stages starts (the stage log says when): it must stop,
// exit 143 or 130 saying "interrupted", and leave the outputs of the run
// before as they were, whole. A stage that ends before the signal lands
// is stopped in the next one; what is asserted holds either way.
func TestSignalsStopDedupe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it on 30,000 generated articles")
	}
	bin := buildNeardup(t)
	dir := t.TempDir()
	corpusPath := generate(t, bin, dir, 30000)
	out := filepath.Join(dir, "out")
	if b, err := exec.Command(bin, "dedupe", "--quiet", "--out", out, demoCorpus).CombinedOutput(); err != nil {
		t.Fatalf("dedupe demo: %v\n%s", err, b)
	}
	before := readSet(t, out)
	for i, stage := range dedupeStages {
		sig, code := syscall.SIGTERM, 143
		if i%2 == 1 {
			sig, code = syscall.SIGINT, 130
		}
		t.Run(stage, func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "stages.log")
			cmd := exec.Command(bin, "dedupe", "--quiet", "--out", out, corpusPath)
			cmd.Env = append(os.Environ(), stageLogEnv+"="+log)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitForStage(t, log, stage)
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != code || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("%v in %s: %v, stderr %q; want exit %d saying interrupted", sig, stage, err, stderr.String(), code)
			}
			stages, _ := os.ReadFile(log)
			t.Logf("%v at %s: stopped %v after the signal; stages begun: %s", sig, stage,
				time.Since(sent).Round(time.Millisecond), strings.Join(strings.Fields(string(stages)), " "))
			if after := readSet(t, out); !bytes.Equal(before, after) {
				t.Errorf("%v in %s: the output set changed", sig, stage)
			}
			if code, _, stderr := runCLI(t, "", "show", "--dir", out, "s:storm-ritzau"); code != 0 {
				t.Errorf("show after an interrupted run: exit %d: %s", code, stderr)
			}
		})
	}
}

// TestKillDedupeOut kills (kill -9) a real neardup dedupe --out as it
// begins to align and at moments into writing its files: afterwards show
// must read a whole set, the earlier one or the new one, or (killed in the
// few renames at the very end) refuse the mixed set; never show a mix.
func TestKillDedupeOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it on 30,000 generated articles")
	}
	bin := buildNeardup(t)
	dir := t.TempDir()
	corpusPath := generate(t, bin, dir, 30000)
	out := filepath.Join(dir, "out")
	if b, err := exec.Command(bin, "dedupe", "--quiet", "--out", out, demoCorpus).CombinedOutput(); err != nil {
		t.Fatalf("dedupe demo: %v\n%s", err, b)
	}
	for _, at := range []struct {
		stage string
		after time.Duration
	}{{"align", 0}, {"write", 0}, {"write", 200 * time.Millisecond}, {"write", 600 * time.Millisecond}, {"write", 1200 * time.Millisecond}} {
		t.Run(fmt.Sprintf("%s+%v", at.stage, at.after), func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "stages.log")
			cmd := exec.Command(bin, "dedupe", "--quiet", "--out", out, corpusPath)
			cmd.Env = append(os.Environ(), stageLogEnv+"="+log)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitForStage(t, log, at.stage)
			time.Sleep(at.after)
			cmd.Process.Kill()
			cmd.Wait() // killed, or done first: either way the set must be whole
			code, _, stderr := runCLI(t, "", "show", "--dir", out, "s:storm-ritzau")
			mixed := code == 1 && strings.Contains(stderr, "files of different runs")
			whole := code == 0 || (code == 1 && strings.Contains(stderr, "no story or article"))
			if !mixed && !whole {
				t.Errorf("show after kill -9: exit %d: %s", code, stderr)
			}
			t.Logf("after kill -9: show exit %d %s", code, strings.TrimSpace(stderr))
		})
	}
}

// waitForStage waits until the stage log names stage.
func waitForStage(t *testing.T, log, stage string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(log); err == nil && strings.Contains("\n"+string(b), "\n"+stage+"\n") {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("stage %s never began", stage)
}

// readSet returns the files of an output directory, concatenated with
// their names.
func readSet(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	for _, name := range []string{"articles.jsonl", "stories.json", "report.html", "manifest.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, fmt.Sprintf("== %s %d\n", name, len(b))...)
		all = append(all, b...)
	}
	return all
}

// generate writes n articles of the bench generator to dir/gen.jsonl with
// the built command and returns the path.
func generate(t *testing.T, bin, dir string, n int) string {
	t.Helper()
	path := filepath.Join(dir, "gen.jsonl")
	if out, err := exec.Command(bin, "bench", "gen", "--articles", strconv.Itoa(n), "--out", path).CombinedOutput(); err != nil {
		t.Fatalf("bench gen: %v\n%s", err, out)
	}
	return path
}
