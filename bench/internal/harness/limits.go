package harness

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/ecslimits"
)

// The variants of the real-limits scenario.
const (
	// VariantECSX is ecsx with its default settings under the buckets.
	VariantECSX = "ecsx"
	// VariantBaseline is ecsx with read batching and pacing switched off:
	// one DescribeClusters call per cluster and every attempt sent at once,
	// as other providers do.
	VariantBaseline = "baseline"
	// VariantBucketsOff is ecsx with the same latency and the buckets off,
	// the reference of the refresh target.
	VariantBucketsOff = "buckets off"
)

// BaselineEnv switches ecsx's batching and pacing off.
var BaselineEnv = []string{"ECSX_DEBUG_NO_BATCHING=1", "ECSX_DEBUG_NO_PACING=1"}

// LimitsOptions are the sizes of the real-limits scenario.
type LimitsOptions struct {
	Latency   time.Duration `json:"-"`
	LatencyMs int64         `json:"latency_ms"` // Latency, for results.json
	CreateN   int           `json:"create_n"`   // clusters created under the buckets
	RefreshNs []int         `json:"refresh_n"`  // clusters refreshed (created with the buckets off)
	RefreshPs []int         `json:"refresh_parallelism"`
	// BaselinePs are the -parallelism values at which the baseline refreshes.
	BaselinePs []int `json:"baseline_parallelism"`
	ChangeN    int   `json:"change_n"` // clusters whose tag is updated, then destroyed
	// ProviderRefreshN capacity providers are refreshed at
	// ProviderRefreshP (created with the buckets off); 0 leaves the part
	// out.
	ProviderRefreshN int `json:"provider_refresh_n,omitempty"`
	ProviderRefreshP int `json:"provider_refresh_parallelism,omitempty"`
	// Parallelism of create, update and destroy.
	Parallelism int `json:"parallelism"`
}

// LimitsRun is one phase of the real-limits scenario.
type LimitsRun struct {
	PhaseRun
	Variant     string  `json:"variant"`
	Parallelism int     `json:"parallelism"`
	FloorMs     float64 `json:"floor_ms"`
	// FloorRatio is the wall time divided by the floor.
	FloorRatio       float64 `json:"floor_ratio"`
	DescribeClusters int64   `json:"describe_clusters"`
	ThrottledShare   float64 `json:"throttled_share"`
	// Resource is what the phase works on: "" for clusters,
	// ResourceCapacityProvider for capacity providers.
	Resource                  string `json:"resource,omitempty"`
	DescribeCapacityProviders int64  `json:"describe_capacity_providers,omitempty"`
}

// ResourceCapacityProvider marks the runs of the real-limits scenario that
// work on capacity providers.
const ResourceCapacityProvider = "capacity_provider"

// Limits runs the real-limits scenario: the sandbox enforces Amazon ECS's
// documented buckets (internal/ecslimits) and adds o.Latency to every call.
// Every phase starts with full buckets. The sandbox's state is dropped
// between the parts, so no destroy is needed where none is measured.
func (b *Bench) Limits(o LimitsOptions) ([]LimitsRun, error) {
	defer func() { _ = b.Sandbox.SetLimits(false, 0) }()
	var out []LimitsRun
	record := func(pr PhaseRun, variant string, p int, resource string) {
		lr := LimitsRun{PhaseRun: pr, Variant: variant, Parallelism: p, Resource: resource}
		lr.Scenario = "limits"
		lr.FloorMs = ms(LimitsFloor(pr.Phase, pr.N, p, o.Latency))
		if resource == ResourceCapacityProvider {
			lr.FloorMs = ms(limitsFloorOf(LimitsProviderRefreshNeeds(pr.N), pr.N, p, o.Latency))
		}
		if lr.FloorMs > 0 {
			lr.FloorRatio = pr.WallMs / lr.FloorMs
		}
		lr.DescribeClusters = pr.Calls["DescribeClusters"]
		lr.DescribeCapacityProviders = pr.Calls["DescribeCapacityProviders"]
		if t := (Stats{Calls: pr.Calls}).Total(); t > 0 {
			lr.ThrottledShare = float64(pr.Throttled) / float64(t)
		}
		out = append(out, lr)
		b.limitsProgress(lr)
	}
	envOf := map[string][]string{VariantECSX: nil, VariantBaseline: BaselineEnv, VariantBucketsOff: nil}
	// The live clusters are counted with the buckets off, so that the count
	// itself is never throttled.
	limitsOff := func() error { return b.Sandbox.SetLimits(false, o.Latency) }
	run := func(dir string, n int, phase, variant string, p int, buckets bool) error {
		if err := b.Sandbox.SetLimits(false, o.Latency); err != nil {
			return err
		}
		if buckets {
			if err := b.Sandbox.SetLimits(true, o.Latency); err != nil {
				return err
			}
		}
		pr, err := b.phaseWith(dir, ECSX, n, phase, phaseOptions{parallelism: p, env: envOf[variant], beforeCount: limitsOff})
		if err != nil {
			return err
		}
		record(pr, variant, p, "")
		return nil
	}
	// setup creates n clusters with the buckets off and no latency.
	setup := func(dir string, n, p int) error {
		if err := b.Sandbox.Reset(); err != nil {
			return err
		}
		if err := b.Sandbox.SetLimits(false, 0); err != nil {
			return err
		}
		pr, err := b.phaseWith(dir, ECSX, n, PhaseApply, phaseOptions{parallelism: p})
		if err != nil {
			return err
		}
		if pr.Error != "" {
			return fmt.Errorf("creating %d clusters for the limits scenario: %s", n, pr.Error)
		}
		return nil
	}

	// Create.
	for _, v := range []string{VariantECSX, VariantBaseline} {
		dir, err := b.tempDir("limits-create", o.CreateN)
		if err != nil {
			return out, err
		}
		if err := b.Sandbox.Reset(); err != nil {
			return out, err
		}
		err = run(dir, o.CreateN, PhaseApply, v, o.Parallelism, true)
		os.RemoveAll(dir)
		if err != nil {
			return out, err
		}
	}

	// Refresh.
	for _, n := range o.RefreshNs {
		dir, err := b.tempDir("limits-refresh", n)
		if err != nil {
			return out, err
		}
		if err := setup(dir, n, 50); err != nil {
			os.RemoveAll(dir)
			return out, err
		}
		for _, p := range o.RefreshPs {
			for _, v := range []string{VariantBucketsOff, VariantECSX, VariantBaseline} {
				if v == VariantBaseline && !slices.Contains(o.BaselinePs, p) {
					continue
				}
				if err := run(dir, n, PhasePlan, v, p, v != VariantBucketsOff); err != nil {
					os.RemoveAll(dir)
					return out, err
				}
			}
		}
		os.RemoveAll(dir)
	}

	// Refresh of capacity providers.
	if o.ProviderRefreshN > 0 {
		pr, err := b.limitsProviderRefresh(o)
		if err != nil {
			return out, err
		}
		record(pr, VariantECSX, o.ProviderRefreshP, ResourceCapacityProvider)
	}

	// Tag update and destroy.
	dir, err := b.tempDir("limits-change", o.ChangeN)
	if err != nil {
		return out, err
	}
	defer os.RemoveAll(dir)
	if err := setup(dir, o.ChangeN, o.Parallelism); err != nil {
		return out, err
	}
	for _, phase := range []string{PhaseUpdate, PhaseDestroy} {
		if err := run(dir, o.ChangeN, phase, VariantECSX, o.Parallelism, true); err != nil {
			return out, err
		}
	}
	return out, b.Sandbox.Reset()
}

// limitsProviderRefresh creates o.ProviderRefreshN capacity providers with
// the buckets off and no latency, then refreshes them under the buckets at
// -parallelism o.ProviderRefreshP.
func (b *Bench) limitsProviderRefresh(o LimitsOptions) (PhaseRun, error) {
	n := o.ProviderRefreshN
	dir, err := b.tempDir("limits-provider-refresh", n)
	if err != nil {
		return PhaseRun{}, err
	}
	defer os.RemoveAll(dir)
	if err := b.Sandbox.Reset(); err != nil {
		return PhaseRun{}, err
	}
	if err := b.Sandbox.SetLimits(false, 0); err != nil {
		return PhaseRun{}, err
	}
	conf := ProviderConfig(n, b.Sandbox.URL)
	pr, err := b.phaseWith(dir, ECSX, n, PhaseApply, phaseOptions{parallelism: 50, config: conf})
	if err != nil {
		return pr, err
	}
	if pr.Error != "" {
		return pr, fmt.Errorf("creating %d capacity providers for the limits scenario: %s", n, pr.Error)
	}
	if err := b.Sandbox.SetLimits(true, o.Latency); err != nil {
		return pr, err
	}
	return b.phaseWith(dir, ECSX, n, PhasePlan, phaseOptions{parallelism: o.ProviderRefreshP, config: conf})
}

func (b *Bench) tempDir(name string, n int) (string, error) {
	return os.MkdirTemp(b.WorkDir, fmt.Sprintf("%s-%d-", name, n))
}

func (b *Bench) limitsProgress(lr LimitsRun) {
	line := fmt.Sprintf("  N=%-4d limits %-11s %-8s p=%-3d %7.2fs  floor %6.2fs (%.2fx)  %s  calls %d  throttled %d",
		lr.N, lr.Variant, lr.Phase, lr.Parallelism, lr.WallMs/1000, lr.FloorMs/1000, lr.FloorRatio,
		limitsReads(lr), Stats{Calls: lr.Calls}.Total(), lr.Throttled)
	if lr.Error != "" {
		line += "  ERROR"
	}
	fmt.Fprintln(b.Log, line)
}

// LimitsNeeds is the least number of calls per bucket category that a
// phase of n clusters needs: one modifying call per cluster (CreateCluster,
// TagResource, DeleteCluster) and one DescribeClusters per 100 clusters.
func LimitsNeeds(phase string, n int) map[string]int {
	reads := (n + 99) / 100
	needs := map[string]int{"DescribeClusters": reads}
	switch phase {
	case PhaseApply:
		needs["CreateCluster"] = n
	case PhaseUpdate:
		needs["TagResource"] = n
	case PhaseDestroy:
		needs["DeleteCluster"] = n
	}
	return needs
}

// LimitsProviderRefreshNeeds is the least number of calls per bucket
// category that a refresh of n capacity providers needs: one
// DescribeCapacityProviders per 10 providers.
func LimitsProviderRefreshNeeds(n int) map[string]int {
	return map[string]int{"DescribeCapacityProviders": (n + 9) / 10}
}

// LimitsFloor is the least wall time the buckets and the latency allow a
// phase of n clusters at -parallelism p, whatever the provider does:
//
//   - every category's bucket starts full with its burst and refills at its
//     rate, so c calls of a category cannot all have started before
//     (c - burst) / refill seconds, and the last of them still takes the
//     latency;
//   - every cluster needs at least one call, and Terraform works on at most
//     p clusters at a time, so at least ceil(n/p) calls follow one another.
//
// The floor is the larger of the two. It leaves out Terraform's own time.
func LimitsFloor(phase string, n, p int, latency time.Duration) time.Duration {
	return limitsFloorOf(LimitsNeeds(phase, n), n, p, latency)
}

// limitsFloorOf is the floor of a phase of n objects that needs the calls
// of needs (see LimitsFloor).
func limitsFloorOf(needs map[string]int, n, p int, latency time.Duration) time.Duration {
	perCategory := map[*ecslimits.Category]int{}
	for op, calls := range needs {
		if c := ecslimits.ForOperation(op); c != nil {
			perCategory[c] += calls
		}
	}
	var bucket float64
	for c, calls := range perCategory {
		bucket = math.Max(bucket, math.Max(0, float64(calls-c.Burst))/c.Refill)
	}
	byBucket := time.Duration(bucket*float64(time.Second)) + latency
	byLatency := time.Duration((n+p-1)/p) * latency
	return max(byBucket, byLatency)
}

// The goals of the real-limits scenario.
const (
	limitsCreateLimit  = 1.2 // create within this factor of the bucket floor
	limitsCallsFactor  = 1.5 // DescribeClusters per refresh ≤ this × N/parallelism
	limitsRefreshLimit = 1.5 // refresh within this factor of the same refresh with the buckets off
)

// FindLimits returns the run of a variant, phase, N and parallelism.
func FindLimits(runs []LimitsRun, variant, phase string, n, p int) (LimitsRun, bool) {
	for _, r := range runs {
		if r.Variant == variant && r.Phase == phase && r.N == n && r.Parallelism == p {
			return r, true
		}
	}
	return LimitsRun{}, false
}

// limitsTargets judges the real-limits scenario.
func limitsTargets(r *Report) []Target {
	errs := Target{Name: "real limits: failed operations", Goal: "0 in every phase (ecsx)"}
	create := Target{Name: "real limits: create vs the bucket floor", Goal: fmt.Sprintf("≤ %.1fx", limitsCreateLimit)}
	calls := Target{Name: "real limits: DescribeClusters per refresh", Goal: fmt.Sprintf("≤ %.1f × N/parallelism", limitsCallsFactor)}
	refresh := Target{Name: "real limits: refresh vs the same refresh with the buckets off", Goal: fmt.Sprintf("≤ %.1fx", limitsRefreshLimit)}
	ts := []*Target{&errs, &create, &calls, &refresh}
	if len(r.Limits) == 0 {
		for _, t := range ts {
			t.Measured = "not run (-limits=false)"
		}
		return []Target{errs, create, calls, refresh}
	}
	var bad, baseBad []string
	var cParts, dParts, rParts []string
	cHolds, dHolds, rHolds := true, true, true
	for _, lr := range r.Limits {
		if lr.Error != "" {
			msg := fmt.Sprintf("%s N=%d p=%d %s: %s", lr.Phase, lr.N, lr.Parallelism, lr.Variant, lr.Error)
			if lr.Variant == VariantBaseline {
				baseBad = append(baseBad, msg)
			} else {
				bad = append(bad, msg)
			}
		}
		if lr.Variant != VariantECSX || lr.Resource != "" {
			continue
		}
		switch lr.Phase {
		case PhaseApply:
			cParts = append(cParts, fmt.Sprintf("N=%d: %.2f s, floor %.2f s, %.2fx", lr.N, lr.WallMs/1000, lr.FloorMs/1000, lr.FloorRatio))
			cHolds = cHolds && lr.FloorRatio <= limitsCreateLimit
		case PhasePlan:
			goal := limitsCallsFactor * float64(lr.N) / float64(lr.Parallelism)
			dParts = append(dParts, fmt.Sprintf("N=%d p=%d: %d (goal ≤ %.0f)", lr.N, lr.Parallelism, lr.DescribeClusters, goal))
			dHolds = dHolds && float64(lr.DescribeClusters) <= goal
			if off, ok := FindLimits(r.Limits, VariantBucketsOff, PhasePlan, lr.N, lr.Parallelism); ok && off.WallMs > 0 {
				q := lr.WallMs / off.WallMs
				rParts = append(rParts, fmt.Sprintf("N=%d p=%d: %.2f s vs %.2f s, %.2fx", lr.N, lr.Parallelism, lr.WallMs/1000, off.WallMs/1000, q))
				rHolds = rHolds && q <= limitsRefreshLimit
			}
		}
	}
	var throttled, total int64
	for _, lr := range r.Limits {
		if lr.Variant == VariantECSX {
			throttled += lr.Throttled
			total += Stats{Calls: lr.Calls}.Total()
		}
	}
	if len(bad) == 0 {
		errs.Measured = fmt.Sprintf("0 failed in %d phases; %d of %d calls throttled", countVariant(r.Limits, VariantECSX)+countVariant(r.Limits, VariantBucketsOff), throttled, total)
	} else {
		errs.Measured = strings.Join(bad, "; ")
	}
	if len(baseBad) > 0 {
		errs.Measured += fmt.Sprintf(" (baseline, not judged: %s)", strings.Join(baseBad, "; "))
	}
	errs.Holds = ptr(len(bad) == 0)
	set := func(t *Target, parts []string, holds bool) {
		if len(parts) == 0 {
			t.Measured = "not measured"
			return
		}
		t.Measured = strings.Join(parts, "; ")
		t.Holds = ptr(holds)
	}
	set(&create, cParts, cHolds)
	set(&calls, dParts, dHolds)
	set(&refresh, rParts, rHolds)
	return []Target{errs, create, calls, refresh}
}

// limitsLabel names the phase of a run for the report.
func limitsLabel(lr LimitsRun) string {
	if lr.Resource == ResourceCapacityProvider {
		return "refresh of capacity providers (plan)"
	}
	return limitsPhaseLabel(lr.Phase)
}

// limitsReads gives the Describe calls of a run.
func limitsReads(lr LimitsRun) string {
	if lr.Resource == ResourceCapacityProvider {
		return fmt.Sprintf("DescribeCapacityProviders %d", lr.DescribeCapacityProviders)
	}
	return fmt.Sprintf("DescribeClusters %d", lr.DescribeClusters)
}

func countVariant(runs []LimitsRun, v string) int {
	n := 0
	for _, r := range runs {
		if r.Variant == v {
			n++
		}
	}
	return n
}
