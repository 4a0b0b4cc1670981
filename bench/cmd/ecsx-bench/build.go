package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/bench/internal/harness"
)

type binaries struct {
	pluginDir string           // holds terraform-provider-ecsx, -noop and -noopschema
	sandbox   string           // ecsx-sandbox
	sizes     map[string]int64 // stripped provider binaries
}

// buildAll builds both providers the way 'make build' does (-trimpath, -s -w)
// and the sandbox, or with -use-bin takes ecsx and the sandbox from -bin.
func buildAll(o options, work string) (binaries, error) {
	b := binaries{pluginDir: filepath.Join(work, "plugins"), sizes: map[string]int64{}}
	if err := os.MkdirAll(b.pluginDir, 0o755); err != nil {
		return b, err
	}
	ecsx := filepath.Join(b.pluginDir, harness.ECSX.Exe)
	noop := filepath.Join(b.pluginDir, harness.Noop.Exe)
	b.sandbox = filepath.Join(work, "ecsx-sandbox")
	noopSchema := filepath.Join(b.pluginDir, harness.NoopSchema.Exe)
	builds := [][2]string{{noop, "./bench/cmd/terraform-provider-noop"}, {noopSchema, "./bench/cmd/terraform-provider-noopschema"}}
	if o.useBin {
		for src, dst := range map[string]string{"terraform-provider-ecsx": ecsx, "ecsx-sandbox": b.sandbox} {
			if err := os.Symlink(filepath.Join(o.bin, src), dst); err != nil {
				return b, err
			}
		}
	} else {
		builds = append(builds, [2]string{ecsx, "."}, [2]string{b.sandbox, "./cmd/ecsx-sandbox"})
	}
	for _, bd := range builds {
		t := time.Now()
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bd[0], bd[1])
		cmd.Dir = o.root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return b, fmt.Errorf("go build %s: %w", bd[1], err)
		}
		logf("  built %s in %s", bd[1], time.Since(t).Round(100*time.Millisecond))
	}
	for key, path := range map[string]string{harness.ECSX.Key: ecsx, harness.Noop.Key: noop, harness.NoopSchema.Key: noopSchema} {
		fi, err := os.Stat(path)
		if err != nil {
			return b, err
		}
		b.sizes[key] = fi.Size()
	}
	return b, nil
}

func terraformVersion(bin string) (string, error) {
	out, err := exec.Command(bin, "version", "-json").Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return "", err
	}
	return v.Version, nil
}

func meta(o options, tfVersion string, sizes map[string]int64) harness.Meta {
	m := harness.Meta{
		Date:        time.Now().UTC().Format(time.RFC3339),
		Terraform:   tfVersion,
		Go:          runtime.Version(),
		OS:          runtime.GOOS + "/" + runtime.GOARCH,
		CPUs:        runtime.NumCPU(),
		CPU:         cpuModel(),
		Ns:          o.ns,
		Runs:        o.runs,
		Parallelism: o.parallelism,
		BinaryBytes: sizes,
		FaultN:      o.faultN,
		Env:         o.env,
	}
	if out, err := exec.Command("git", "-C", o.root, "rev-parse", "--short", "HEAD").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
		// Uncommitted changes outside bench/ are in the measured binaries.
		st, err := exec.Command("git", "-C", o.root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench").Output()
		if err == nil && len(bytes.TrimSpace(st)) > 0 {
			m.Commit += "+dirty"
		}
	}
	if o.faults {
		m.FaultScenarios = map[string]harness.Fault{}
		for _, f := range faultScenarios {
			m.FaultScenarios[f.name] = f.fault
		}
	}
	return m
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.Lines(string(data)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func writeResults(dir string, r *harness.Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "results.svg"))
	if err != nil {
		return err
	}
	if err := harness.WriteSVG(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
