// Command ecsx-bench measures what ecsx costs beyond Terraform itself: it
// drives ecsx, a no-op provider on the same framework and Terraform's
// built-in terraform_data through create, no-op plan, one-tag update and
// destroy against the local ECS sandbox, and writes bench/results.json,
// bench/results.svg and a Markdown table on stdout. Progress goes to stderr.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/bench/internal/harness"
)

type options struct {
	root, terraform, out, bin string
	ns                        []int
	runs, parallelism         int
	faultN                    int
	faults, useBin, keep      bool
	limits                    bool
	large                     bool
	limitsRefresh             []int
	limitsProviderRefresh     int
	env                       envList
}

// envList collects repeated -env KEY=VALUE flags.
type envList []string

func (e *envList) String() string { return strings.Join(*e, " ") }

func (e *envList) Set(v string) error {
	if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
		return fmt.Errorf("want KEY=VALUE, got %q", v)
	}
	*e = append(*e, v)
	return nil
}

func parseFlags() (options, error) {
	var o options
	var ns string
	flag.StringVar(&o.terraform, "terraform", "bin/terraform", "Terraform CLI to run (the pinned 1.5.7)")
	flag.StringVar(&o.out, "out", "bench", "directory for results.json and results.svg")
	flag.StringVar(&ns, "n", "10,100", "comma-separated numbers of clusters")
	flag.BoolVar(&o.large, "large", false, "also run N=1000 (and the real-limits refresh of 1000 clusters)")
	flag.BoolVar(&o.limits, "limits", true, "run the real-limits scenario (ECS's documented buckets, 30 ms per call)")
	flag.IntVar(&o.runs, "runs", 3, "interleaved runs per N (the median is reported)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.BoolVar(&o.faults, "faults", true, "run the latency and throttling scenarios")
	flag.IntVar(&o.faultN, "fault-n", 100, "number of clusters in the fault scenarios")
	flag.BoolVar(&o.useBin, "use-bin", false, "use terraform-provider-ecsx and ecsx-sandbox from -bin (as 'make build' left them) instead of building")
	flag.StringVar(&o.bin, "bin", "bin", "directory for -use-bin")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary work directory")
	var refresh string
	flag.StringVar(&refresh, "limits-refresh", "", "comma-separated sizes of the real-limits refresh instead of 300 (and 1000 with -large)")
	flag.IntVar(&o.limitsProviderRefresh, "limits-provider-refresh", 100, "number of capacity providers in the real-limits refresh of capacity providers (0 leaves it out)")
	flag.Var(&o.env, "env", "extra KEY=VALUE for Terraform and the providers (repeatable), e.g. TF_LOG_SDK_FRAMEWORK=off")
	flag.Parse()
	for _, f := range strings.Split(ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-n: bad size %q", f)
		}
		o.ns = append(o.ns, n)
	}
	if refresh != "" {
		for _, f := range strings.Split(refresh, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				return o, fmt.Errorf("-limits-refresh: bad size %q", f)
			}
			o.limitsRefresh = append(o.limitsRefresh, n)
		}
	}
	if o.large {
		o.ns = append(o.ns, 1000)
	}
	if o.limitsProviderRefresh < 0 {
		return o, fmt.Errorf("-limits-provider-refresh must not be negative")
	}
	if o.runs < 1 || o.parallelism < 1 {
		return o, fmt.Errorf("-runs and -parallelism must be positive")
	}
	root, err := os.Getwd()
	if err != nil {
		return o, err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return o, fmt.Errorf("run from the repository root (no go.mod in %s)", root)
	}
	o.root = root
	for _, p := range []*string{&o.terraform, &o.out, &o.bin} {
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(root, *p)
		}
	}
	return o, nil
}

func main() {
	o, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "ecsx-bench:", err)
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "ecsx-bench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	start := time.Now()
	work, err := os.MkdirTemp("", "ecsx-bench-")
	if err != nil {
		return err
	}
	cleanup := func() {
		if !o.keep {
			os.RemoveAll(work)
		}
	}
	defer cleanup()

	logf("building providers and sandbox into %s", work)
	bins, err := buildAll(o, work)
	if err != nil {
		return err
	}
	tfVersion, err := terraformVersion(o.terraform)
	if err != nil {
		return err
	}
	tf, err := harness.NewTerraform(o.terraform, work, bins.pluginDir, o.env)
	if err != nil {
		return err
	}
	sb, err := harness.StartSandbox(bins.sandbox)
	if err != nil {
		return err
	}
	defer sb.Stop()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		sb.Stop()
		cleanup()
		os.Exit(130)
	}()
	logf("sandbox at %s; Terraform %s", sb.URL, tfVersion)

	b := &harness.Bench{TF: tf, Sandbox: sb, WorkDir: work, Parallelism: o.parallelism, Log: os.Stderr}
	runs, faults, err := measure(o, b)
	if err != nil {
		return err
	}
	var limits []harness.LimitsRun
	lo := limitsOptions(o)
	if o.limits {
		logf("real-limits scenario: ECS's buckets, %s per call", lo.Latency)
		if limits, err = b.Limits(lo); err != nil {
			return err
		}
	}

	r := &harness.Report{
		Meta:  meta(o, tfVersion, bins.sizes),
		Cells: harness.Summarize(runs),
		Runs:  runs, Faults: faults,
		Limits: limits,
	}
	if o.limits {
		r.Meta.LimitsOptions = &lo
	}
	r.Ratios = harness.Ratios(r.Cells, o.ns)
	r.Slopes = harness.Slopes(r.Cells, o.ns)
	r.Meta.TotalSeconds = time.Since(start).Seconds()
	r.Targets = harness.Targets(r)
	if err := writeResults(o.out, r); err != nil {
		return err
	}
	harness.WriteTables(os.Stdout, r)
	logf("done in %s; wrote %s and %s", time.Since(start).Round(time.Second),
		filepath.Join(o.out, "results.json"), filepath.Join(o.out, "results.svg"))
	return nil
}

var faultScenarios = []struct {
	name  string
	fault harness.Fault
}{
	{"latency 50 ms", harness.Fault{LatencyMs: 50}},
	{"throttle 20/s burst 40", harness.Fault{RateLimit: 20, Burst: 40}},
}

// measure runs a warm-up cycle, then for every N the interleaved runs
// (the order of the subjects rotates from run to run), then the faults.
func measure(o options, b *harness.Bench) (runs, faults []harness.PhaseRun, err error) {
	logf("warm-up at N=%d (not recorded)", o.ns[0])
	for _, s := range harness.Subjects {
		if _, err := b.Cycle(s, o.ns[0], 0, "warm-up", nil, harness.Phases); err != nil {
			return nil, nil, err
		}
	}
	for _, n := range o.ns {
		for i := range o.runs {
			logf("N=%d run %d/%d", n, i+1, o.runs)
			for j := range harness.Subjects {
				s := harness.Subjects[(i+j)%len(harness.Subjects)]
				rs, err := b.Cycle(s, n, i, "", nil, harness.Phases)
				if err != nil {
					return nil, nil, err
				}
				runs = append(runs, rs...)
			}
		}
	}
	if !o.faults {
		return runs, nil, nil
	}
	for _, f := range faultScenarios {
		logf("fault scenario %q at N=%d", f.name, o.faultN)
		fault := f.fault
		rs, err := b.Cycle(harness.ECSX, o.faultN, 0, f.name, &fault, []string{harness.PhaseApply, harness.PhaseDestroy})
		if err != nil {
			return nil, nil, err
		}
		faults = append(faults, rs...)
	}
	return runs, faults, b.Sandbox.Reset()
}

// limitsOptions are the sizes of the real-limits scenario: create 30,
// refresh 300 (and 1000 with -large) at -parallelism 10 and 50, refresh of
// 100 capacity providers at -parallelism 10, tag update and destroy of 100. The baseline creates 30 and refreshes at
// -parallelism=10 (and 50 with -large, 25 s more for 300 clusters), so
// that make bench stays near 5 minutes.
func limitsOptions(o options) harness.LimitsOptions {
	lo := harness.LimitsOptions{
		Latency:     30 * time.Millisecond,
		CreateN:     30,
		RefreshNs:   []int{300},
		RefreshPs:   []int{10, 50},
		BaselinePs:  []int{10},
		ChangeN:     100,
		Parallelism: 10,

		ProviderRefreshN: o.limitsProviderRefresh,
		ProviderRefreshP: 10,
	}
	if o.large {
		lo.RefreshNs = append(lo.RefreshNs, 1000)
		lo.BaselinePs = append(lo.BaselinePs, 50)
	}
	if len(o.limitsRefresh) > 0 {
		lo.RefreshNs = o.limitsRefresh
	}
	lo.LatencyMs = lo.Latency.Milliseconds()
	return lo
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}
