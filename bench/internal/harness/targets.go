package harness

import (
	"fmt"
	"slices"
	"strings"
)

// Target is one of the goals the numbers are judged against.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Holds    *bool  `json:"holds"` // nil when the run did not measure it
}

// Report is everything results.json holds.
type Report struct {
	Meta   Meta       `json:"meta"`
	Cells  []Cell     `json:"cells"`
	Ratios []Ratio    `json:"ratios"`
	Slopes []Slope    `json:"slopes"`
	Faults []PhaseRun `json:"faults"`
	// Limits is the real-limits scenario (ECS's buckets and latency).
	Limits  []LimitsRun `json:"limits"`
	Targets []Target    `json:"targets"`
	Runs    []PhaseRun  `json:"runs"`
}

// Meta describes the run.
type Meta struct {
	Date           string           `json:"date"`
	Commit         string           `json:"commit"`
	Terraform      string           `json:"terraform"`
	Go             string           `json:"go"`
	OS             string           `json:"os"`
	CPU            string           `json:"cpu"`
	CPUs           int              `json:"cpus"`
	Ns             []int            `json:"ns"`
	Runs           int              `json:"runs"`
	Parallelism    int              `json:"parallelism"`
	BinaryBytes    map[string]int64 `json:"binary_bytes"`
	TotalSeconds   float64          `json:"total_seconds"`
	FaultN         int              `json:"fault_n"`
	FaultScenarios map[string]Fault `json:"fault_scenarios"`
	// LimitsOptions are the sizes of the real-limits scenario, nil when it
	// did not run.
	LimitsOptions *LimitsOptions `json:"limits,omitempty"`
	Env           []string       `json:"env,omitempty"` // extra environment given with -env
}

const (
	rssLimit    = 60_000_000
	binaryLimit = 40_000_000
	timeLimit   = 1.3
	schemaLimit = 1.2
	growthLimit = 1.5
	rssN        = 1000
	timeN       = 100
)

func ptr(b bool) *bool { return &b }

// Targets judges the report's numbers against the goals.
func Targets(r *Report) []Target {
	ns := r.Meta.Ns
	var ts []Target
	calls := func(phase string, f func(c Cell) float64) []string {
		var parts []string
		for _, n := range ns {
			if c, ok := Find(r.Cells, ECSX.Key, phase, n); ok {
				parts = append(parts, fmt.Sprintf("%.2f at N=%d", f(c), n))
			}
		}
		return parts
	}
	all := func(phase string, pred func(c Cell) bool) *bool {
		seen := false
		for _, n := range ns {
			c, ok := Find(r.Cells, ECSX.Key, phase, n)
			if !ok {
				continue
			}
			seen = true
			if !pred(c) {
				return ptr(false)
			}
		}
		if !seen {
			return nil
		}
		return ptr(true)
	}
	total := func(c Cell) float64 { return c.CallsTotal }
	ts = append(ts, Target{
		Name: "ECS calls per cluster: create", Goal: "≤ 3",
		Measured: strings.Join(calls(PhaseApply, total), ", "),
		Holds:    all(PhaseApply, func(c Cell) bool { return c.CallsTotal <= 3 }),
	})
	ts = append(ts, Target{
		Name: "ECS calls per cluster: refresh (no-op plan)", Goal: "≤ 1 (batched reads share calls)",
		Measured: strings.Join(calls(PhasePlan, total), ", "),
		Holds:    all(PhasePlan, func(c Cell) bool { return c.CallsTotal <= 1 }),
	})
	refresh := func(c Cell) float64 {
		p, _ := Find(r.Cells, ECSX.Key, PhasePlan, c.N)
		return p.CallsTotal
	}
	ts = append(ts, Target{
		Name: "ECS calls per cluster: one-tag update", Goal: "≤ 2 plus the refresh",
		Measured: strings.Join(calls(PhaseUpdate, func(c Cell) float64 { return c.CallsTotal - refresh(c) }), ", ") + " beyond the refresh",
		Holds:    all(PhaseUpdate, func(c Cell) bool { return c.CallsTotal-refresh(c) <= 2 }),
	})
	nonRead := func(c Cell) float64 {
		var v float64
		for op, x := range c.CallsPerCluster {
			if !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "List") {
				v += x
			}
		}
		return v
	}
	ts = append(ts, Target{
		Name: "ECS calls per cluster: destroy", Goal: "≤ 2 plus status polls (reads)",
		Measured: strings.Join(calls(PhaseDestroy, nonRead), ", ") + " other than reads; reads: " +
			strings.Join(calls(PhaseDestroy, func(c Cell) float64 { return c.CallsTotal - nonRead(c) }), ", "),
		Holds: all(PhaseDestroy, func(c Cell) bool { return nonRead(c) <= 2 }),
	})
	ts = append(ts, timeTarget(r))
	ts = append(ts, schemaTimeTarget(r))
	ts = append(ts, rssTarget(r))
	if b, ok := r.Meta.BinaryBytes[ECSX.Key]; ok {
		ts = append(ts, Target{
			Name: "stripped provider binary", Goal: "< 40 MB",
			Measured: mb(b), Holds: ptr(b < binaryLimit),
		})
	}
	ts = append(ts, growthTarget(r))
	ts = append(ts, faultTarget(r))
	ts = append(ts, limitsTargets(r)...)
	return ts
}

func timeTarget(r *Report) Target {
	t := Target{Name: fmt.Sprintf("wall time at N=%d vs the no-op framework provider", timeN), Goal: "≤ 1.3x in every phase"}
	var parts []string
	holds := true
	for _, q := range r.Ratios {
		if q.N != timeN {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %.2fx", q.Phase, q.VsNoop))
		holds = holds && q.VsNoop <= timeLimit
	}
	t.Measured = strings.Join(parts, ", ")
	if len(parts) == len(Phases) {
		t.Holds = ptr(holds)
	}
	return t
}

// schemaTimeTarget compares ecsx with the no-op provider of the same schema:
// what is left is ecsx's own cost.
func schemaTimeTarget(r *Report) Target {
	t := Target{Name: fmt.Sprintf("wall time at N=%d vs the no-op provider of ecsx_cluster's schema", timeN), Goal: fmt.Sprintf("≤ %.1fx in every phase", schemaLimit)}
	var parts []string
	holds := true
	for _, q := range r.Ratios {
		if q.N != timeN || q.VsNoopSchema == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %.2fx", q.Phase, q.VsNoopSchema))
		holds = holds && q.VsNoopSchema <= schemaLimit
	}
	t.Measured = strings.Join(parts, ", ")
	if len(parts) == len(Phases) {
		t.Holds = ptr(holds)
	}
	return t
}

func rssTarget(r *Report) Target {
	t := Target{Name: "provider peak RSS", Goal: fmt.Sprintf("< 60 MB at N=%d", rssN)}
	var parts []string
	var atN int64 = -1
	for _, n := range r.Meta.Ns {
		var peak int64
		for _, c := range r.Cells {
			if c.Subject == ECSX.Key && c.N == n {
				peak = max(peak, c.PeakRSS)
			}
		}
		parts = append(parts, fmt.Sprintf("%s at N=%d", mb(peak), n))
		if n == rssN {
			atN = peak
		}
	}
	t.Measured = strings.Join(parts, ", ")
	if atN > 0 {
		t.Holds = ptr(atN < rssLimit)
	} else {
		t.Measured += fmt.Sprintf(" (N=%d not run: use -large)", rssN)
	}
	return t
}

// growthTarget compares the marginal cost per cluster of the largest step
// with that of the first step: linear growth keeps it flat.
func growthTarget(r *Report) Target {
	t := Target{Name: "growth in N", Goal: fmt.Sprintf("linear: marginal ms per cluster of the last step ≤ %.1fx the first", growthLimit)}
	if len(r.Meta.Ns) < 3 {
		t.Measured = "needs three sizes (use -large)"
		return t
	}
	first, last := r.Meta.Ns[1], r.Meta.Ns[len(r.Meta.Ns)-1]
	var parts []string
	holds := true
	for _, p := range Phases {
		var e, o []float64
		for _, s := range r.Slopes {
			if s.Phase != p || (s.To != first && s.To != last) {
				continue
			}
			switch s.Subject {
			case ECSX.Key:
				e = append(e, s.MsPerRes)
			case Noop.Key:
				o = append(o, s.MsPerRes)
			}
		}
		if len(e) != 2 || e[0] <= 0 {
			return t
		}
		g := e[1] / e[0]
		part := fmt.Sprintf("%s %.2f→%.2f ms (%.2fx", p, e[0], e[1], g)
		if len(o) == 2 && o[0] > 0 {
			part += fmt.Sprintf("; no-op %.2fx", o[1]/o[0])
		}
		parts = append(parts, part+")")
		holds = holds && g <= growthLimit
	}
	t.Measured = strings.Join(parts, ", ")
	t.Holds = ptr(holds)
	return t
}

func faultTarget(r *Report) Target {
	t := Target{Name: "failed operations under faults", Goal: fmt.Sprintf("0 at N=%d (throttled and slow API)", r.Meta.FaultN)}
	if len(r.Faults) == 0 {
		t.Measured = "not run"
		return t
	}
	var bad []string
	var throttled int64
	for _, f := range r.Faults {
		throttled += f.Throttled
		if f.Error != "" {
			bad = append(bad, f.Scenario+" "+f.Phase+": "+f.Error)
		}
	}
	slices.Sort(bad)
	if len(bad) == 0 {
		t.Measured = fmt.Sprintf("0 failed; %d throttled requests retried", throttled)
	} else {
		t.Measured = strings.Join(bad, "; ")
	}
	t.Holds = ptr(len(bad) == 0)
	return t
}

// mb formats bytes in decimal megabytes (10^6 bytes), the unit of the goals.
func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/1e6) }
