package harness

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// PhaseRun is the measurement of one phase of one cycle.
type PhaseRun struct {
	Subject   string  `json:"subject"`
	Scenario  string  `json:"scenario"` // "" for the plain runs, else the fault's name
	N         int     `json:"n"`
	Run       int     `json:"run"`
	Phase     string  `json:"phase"`
	WallMs    float64 `json:"wall_ms"`
	ExitCode  int     `json:"exit_code"`
	PeakRSS   int64   `json:"peak_rss_bytes,omitempty"`
	Providers int     `json:"provider_processes,omitempty"`
	// CPU time in milliseconds: Terraform with its children, the provider
	// processes alone, and the sandbox during the phase.
	TotalCPUMs    float64          `json:"cpu_total_ms"`
	ProviderCPUMs float64          `json:"cpu_provider_ms,omitempty"`
	SandboxCPUMs  float64          `json:"cpu_sandbox_ms,omitempty"`
	Calls         map[string]int64 `json:"calls,omitempty"`
	Throttled     int64            `json:"throttled,omitempty"`
	// ThrottledCalls splits Throttled by operation.
	ThrottledCalls map[string]int64 `json:"throttled_calls,omitempty"`
	Failed         int64            `json:"failed,omitempty"`
	Dropped        int64            `json:"dropped,omitempty"`
	Clusters       *int             `json:"clusters_after,omitempty"` // live clusters in the sandbox after the phase
	Error          string           `json:"error,omitempty"`
}

// Bench drives the cycles.
type Bench struct {
	TF          *Terraform
	Sandbox     *Sandbox
	WorkDir     string
	Parallelism int
	Log         io.Writer
}

// Cycle runs the given phases for n resources of s in a fresh directory.
// For ecsx the sandbox is reset first and fault, if any, installed.
func (b *Bench) Cycle(s Subject, n, run int, scenario string, fault *Fault, phases []string) ([]PhaseRun, error) {
	dir, err := os.MkdirTemp(b.WorkDir, fmt.Sprintf("%s-%d-", s.Key, n))
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if s.API {
		if err := b.Sandbox.Reset(); err != nil {
			return nil, err
		}
		if fault != nil {
			if err := b.Sandbox.SetFault(*fault); err != nil {
				return nil, err
			}
		}
	}
	var runs []PhaseRun
	for _, phase := range phases {
		pr, err := b.phase(dir, s, n, phase)
		if err != nil {
			return runs, err
		}
		pr.Run, pr.Scenario = run, scenario
		runs = append(runs, pr)
		b.progress(pr)
	}
	return runs, nil
}

func (b *Bench) phase(dir string, s Subject, n int, phase string) (PhaseRun, error) {
	return b.phaseWith(dir, s, n, phase, phaseOptions{parallelism: b.Parallelism})
}

// phaseOptions vary a phase: Terraform's -parallelism, extra environment
// for Terraform and its providers, and a step to run after the sandbox's
// counters are read and before the live clusters are counted.
type phaseOptions struct {
	parallelism int
	env         []string
	beforeCount func() error
	// config replaces the configuration of n clusters of s; the live
	// clusters are then not counted.
	config string
}

func (b *Bench) phaseWith(dir string, s Subject, n int, phase string, o phaseOptions) (PhaseRun, error) {
	pr := PhaseRun{Subject: s.Key, N: n, Phase: phase}
	conf := o.config
	if conf == "" {
		conf = Config(s, n, tagFor(phase), b.Sandbox.URL)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(conf), 0o644); err != nil {
		return pr, err
	}
	if s.API {
		if err := b.Sandbox.ResetStats(); err != nil {
			return pr, err
		}
	}
	sbCPU, _ := b.Sandbox.CPU()
	r, err := b.TF.RunEnv(dir, s.Exe, o.env, Args(phase, o.parallelism)...)
	if err != nil {
		return pr, err
	}
	if s.API {
		after, _ := b.Sandbox.CPU()
		pr.SandboxCPUMs = ms(after - sbCPU)
	}
	pr.WallMs = ms(r.Wall)
	pr.ExitCode, pr.PeakRSS, pr.Providers = r.ExitCode, r.Provider.PeakRSS, r.Provider.Processes
	pr.TotalCPUMs, pr.ProviderCPUMs = ms(r.TotalCPU), ms(r.Provider.CPU)
	pr.Error = checkOutcome(phase, n, r)
	if s.API {
		st, err := b.Sandbox.Stats()
		if err != nil {
			return pr, err
		}
		pr.Calls, pr.Throttled, pr.Failed, pr.Dropped = st.Calls, st.Throttled, st.Failed, st.Dropped
		pr.ThrottledCalls = st.ThrottledCalls
		if o.beforeCount != nil {
			if err := o.beforeCount(); err != nil {
				return pr, err
			}
		}
		if o.config == "" && (phase == PhaseApply || phase == PhaseDestroy) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			live, err := b.Sandbox.LiveClusters(ctx)
			cancel()
			if err != nil {
				return pr, fmt.Errorf("counting clusters: %w", err)
			}
			pr.Clusters = &live
			want := n
			if phase == PhaseDestroy {
				want = 0
			}
			if live != want && pr.Error == "" {
				pr.Error = fmt.Sprintf("%d clusters in the sandbox after %s, want %d", live, phase, want)
			}
		}
	}
	if pr.Error != "" {
		fmt.Fprintf(b.Log, "    %s\n%s\n", pr.Error, indent(Tail(r.Output, 15)))
	}
	return pr, nil
}

// checkOutcome tells whether a phase did what it should, from the exit code
// and Terraform's summary line; "" means it did.
func checkOutcome(phase string, n int, r Run) string {
	if phase == PhasePlan {
		switch r.ExitCode {
		case 0:
			return ""
		case 2:
			return "the plan after apply is not empty"
		}
		return fmt.Sprintf("terraform plan exited %d", r.ExitCode)
	}
	if r.ExitCode != 0 {
		return fmt.Sprintf("terraform %s exited %d", phase, r.ExitCode)
	}
	sum, ok := ParseSummary(r.Output)
	if !ok {
		return "no summary line in Terraform's output"
	}
	want := map[string]Summary{
		PhaseApply:   {Added: n},
		PhaseUpdate:  {Changed: n},
		PhaseDestroy: {Destroyed: n},
	}[phase]
	if sum != want {
		return fmt.Sprintf("terraform reported %+v, want %+v", sum, want)
	}
	return ""
}

func (b *Bench) progress(pr PhaseRun) {
	name := pr.Subject
	if pr.Scenario != "" {
		name += " [" + pr.Scenario + "]"
	}
	line := fmt.Sprintf("  N=%-4d run %d  %-26s %-8s %8.2fs", pr.N, pr.Run+1, name, pr.Phase, pr.WallMs/1000)
	line += fmt.Sprintf("  cpu %5.2fs", pr.TotalCPUMs/1000)
	if pr.PeakRSS > 0 {
		line += fmt.Sprintf(" (provider %5.2fs)  rss %s", pr.ProviderCPUMs/1000, mb(pr.PeakRSS))
	}
	if pr.SandboxCPUMs > 0 {
		line += fmt.Sprintf("  sandbox cpu %.2fs", pr.SandboxCPUMs/1000)
	}
	if pr.Calls != nil {
		line += fmt.Sprintf("  calls %d", Stats{Calls: pr.Calls}.Total())
		if pr.Throttled > 0 {
			line += fmt.Sprintf(" throttled %d", pr.Throttled)
		}
	}
	if pr.Error != "" {
		line += "  ERROR"
	}
	fmt.Fprintln(b.Log, line)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func indent(s string) string {
	return "      " + strings.ReplaceAll(s, "\n", "\n      ")
}
