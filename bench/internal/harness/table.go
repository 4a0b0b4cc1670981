package harness

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// WriteTables prints the report as Markdown tables.
func WriteTables(w io.Writer, r *Report) {
	m := r.Meta
	fmt.Fprintf(w, "Terraform %s, -parallelism=%d, median of %d interleaved runs; %d CPUs (%s); ecsx commit %s.\n\n",
		m.Terraform, m.Parallelism, m.Runs, m.CPUs, m.CPU, m.Commit)
	if len(m.Env) > 0 {
		fmt.Fprintf(w, "Extra environment: %s.\n\n", strings.Join(m.Env, " "))
	}
	fmt.Fprintln(w, "| N | phase | ecsx | no-op, same schema | no-op provider | terraform_data | ecsx ÷ same schema | ecsx ÷ no-op | ecsx ÷ terraform_data | ECS calls per cluster | peak RSS ecsx / same schema / no-op |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
	for _, n := range m.Ns {
		for _, p := range Phases {
			e, ok := Find(r.Cells, ECSX.Key, p, n)
			o, _ := Find(r.Cells, Noop.Key, p, n)
			s, _ := Find(r.Cells, NoopSchema.Key, p, n)
			d, _ := Find(r.Cells, TerraformData.Key, p, n)
			if !ok {
				continue
			}
			vsS, vsO, vsD := "–", "–", "–"
			if i := slices.IndexFunc(r.Ratios, func(q Ratio) bool { return q.N == n && q.Phase == p }); i >= 0 {
				if r.Ratios[i].VsNoopSchema > 0 {
					vsS = fmt.Sprintf("%.2fx", r.Ratios[i].VsNoopSchema)
				}
				vsO = fmt.Sprintf("%.2fx", r.Ratios[i].VsNoop)
				vsD = fmt.Sprintf("%.2fx", r.Ratios[i].VsTerraformDt)
			}
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |\n",
				n, phaseLabel(p), secs(e), secs(s), secs(o), secs(d), vsS, vsO, vsD, callsLabel(e), mb(e.PeakRSS), mb(s.PeakRSS), mb(o.PeakRSS))
		}
	}
	fmt.Fprintln(w)
	writeCPUTable(w, r)
	if len(r.Faults) > 0 {
		fmt.Fprintf(w, "Faults at N=%d (ecsx, one run each):\n\n", m.FaultN)
		fmt.Fprintln(w, "| scenario | phase | wall | API-imposed minimum | without faults | ECS calls per cluster | throttled (retried) | failed | clusters after | result |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
		for _, f := range r.Faults {
			base := "–"
			if c, ok := Find(r.Cells, ECSX.Key, f.Phase, f.N); ok {
				base = secs(c)
			}
			clusters := "–"
			if f.Clusters != nil {
				clusters = fmt.Sprint(*f.Clusters)
			}
			result := "ok"
			if f.Error != "" {
				result = "FAILED: " + f.Error
			}
			fmt.Fprintf(w, "| %s | %s | %.2f s | %.2f s | %s | %.2f | %d | %d | %s | %s |\n",
				f.Scenario, f.Phase, f.WallMs/1000, APIMinimum(f, m.FaultScenarios[f.Scenario], m.Parallelism).Seconds(), base, float64(Stats{Calls: f.Calls}.Total())/float64(f.N),
				f.Throttled, f.Failed, clusters, result)
		}
		fmt.Fprintln(w)
	}
	writeLimitsTable(w, r)
	var bins []string
	for _, s := range Subjects {
		if b, ok := m.BinaryBytes[s.Key]; ok {
			bins = append(bins, fmt.Sprintf("%s %s", s.Key, mb(b)))
		}
	}
	if len(bins) > 0 {
		fmt.Fprintf(w, "Stripped binaries (-trimpath -s -w): %s.\n\n", strings.Join(bins, ", "))
	}
	fmt.Fprintln(w, "| target | goal | measured | holds |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, t := range r.Targets {
		holds := "not measured"
		if t.Holds != nil {
			holds = map[bool]string{true: "yes", false: "**no**"}[*t.Holds]
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", t.Name, t.Goal, t.Measured, holds)
	}
	for _, c := range r.Cells {
		for _, e := range c.Errors {
			fmt.Fprintf(w, "\nERROR %s N=%d %s %s", c.Subject, c.N, c.Phase, e)
		}
	}
	fmt.Fprintln(w)
}

// writeCPUTable shows where the time goes: CPU seconds of Terraform with
// its provider processes, of the provider processes alone, and of the
// sandbox.
func writeCPUTable(w io.Writer, r *Report) {
	fmt.Fprintln(w, "CPU time (median; Terraform and its providers together, and in parentheses the provider processes alone):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| N | phase | ecsx | no-op, same schema | no-op provider | terraform_data | sandbox (ecsx) |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|")
	cpu := func(c Cell, provider bool) string {
		if len(c.RunsMs) == 0 {
			return "–"
		}
		if !provider {
			return fmt.Sprintf("%.2f s", c.CPUTotalMs/1000)
		}
		return fmt.Sprintf("%.2f s (%.2f s)", c.CPUTotalMs/1000, c.CPUProviderMs/1000)
	}
	for _, n := range r.Meta.Ns {
		for _, p := range Phases {
			e, ok := Find(r.Cells, ECSX.Key, p, n)
			if !ok {
				continue
			}
			o, _ := Find(r.Cells, Noop.Key, p, n)
			s, _ := Find(r.Cells, NoopSchema.Key, p, n)
			d, _ := Find(r.Cells, TerraformData.Key, p, n)
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %.2f s |\n", n, phaseLabel(p), cpu(e, true), cpu(s, true), cpu(o, true), cpu(d, false), e.CPUSandboxMs/1000)
		}
	}
	fmt.Fprintln(w)
}

// APIMinimum is the least time the fault alone imposes on a phase, from
// the calls it made: with added latency, every successful call waits once
// and at most parallelism calls wait together; with a token bucket, the calls
// beyond the burst come at the bucket's rate.
func APIMinimum(f PhaseRun, fault Fault, parallelism int) time.Duration {
	ok := float64(Stats{Calls: f.Calls}.Total() - f.Throttled)
	var s float64
	if fault.LatencyMs > 0 {
		s += ok * float64(fault.LatencyMs) / 1000 / float64(parallelism)
	}
	if fault.RateLimit > 0 {
		s += max(0, ok-float64(fault.Burst)) / float64(fault.RateLimit)
	}
	return time.Duration(s * float64(time.Second))
}

func phaseLabel(p string) string {
	return map[string]string{
		PhaseApply:   "apply (create)",
		PhasePlan:    "plan (no-op, refresh)",
		PhaseUpdate:  "apply (one tag changed)",
		PhaseDestroy: "destroy",
	}[p]
}

func secs(c Cell) string {
	if len(c.RunsMs) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f s", c.MedianMs/1000)
}

// callsLabel is the total calls per cluster with the per-operation split.
func callsLabel(c Cell) string {
	if len(c.CallsPerCluster) == 0 {
		return "0"
	}
	ops := make([]string, 0, len(c.CallsPerCluster))
	for op := range c.CallsPerCluster {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	parts := make([]string, len(ops))
	for i, op := range ops {
		parts[i] = fmt.Sprintf("%s %s", op, trim(c.CallsPerCluster[op]))
	}
	return fmt.Sprintf("%s (%s)", trim(c.CallsTotal), strings.Join(parts, ", "))
}

func trim(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// writeLimitsTable prints the real-limits scenario: every phase beside its
// floor, the DescribeClusters calls and the throttled share.
func writeLimitsTable(w io.Writer, r *Report) {
	if len(r.Limits) == 0 || r.Meta.LimitsOptions == nil {
		return
	}
	fmt.Fprintf(w, "Real ECS limits (the sandbox's -ecs-limits buckets, %d ms per call; one run each; baseline = %s):\n\n",
		r.Meta.LimitsOptions.LatencyMs, strings.Join(BaselineEnv, " "))
	fmt.Fprintln(w, "| phase | N | parallelism | variant | wall | floor | ÷ floor | DescribeClusters (goal) | ECS calls | throttled | result |")
	fmt.Fprintln(w, "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|")
	for _, lr := range r.Limits {
		goal := ""
		reads := fmt.Sprint(lr.DescribeClusters)
		switch {
		case lr.Resource == ResourceCapacityProvider:
			reads = fmt.Sprintf("%d DescribeCapacityProviders", lr.DescribeCapacityProviders)
		case lr.Phase == PhasePlan:
			goal = fmt.Sprintf(" (≤ %.0f)", limitsCallsFactor*float64(lr.N)/float64(lr.Parallelism))
		}
		result := "ok"
		if lr.Error != "" {
			result = "FAILED: " + lr.Error
		}
		total := Stats{Calls: lr.Calls}.Total()
		fmt.Fprintf(w, "| %s | %d | %d | %s | %.2f s | %.2f s | %.2fx | %s%s | %d | %d (%.1f %%) | %s |\n",
			limitsLabel(lr), lr.N, lr.Parallelism, lr.Variant, lr.WallMs/1000, lr.FloorMs/1000, lr.FloorRatio,
			reads, goal, total, lr.Throttled, 100*lr.ThrottledShare, result)
	}
	fmt.Fprintln(w)
}

func limitsPhaseLabel(p string) string {
	return map[string]string{
		PhaseApply:   "create",
		PhasePlan:    "refresh (plan)",
		PhaseUpdate:  "tag update",
		PhaseDestroy: "destroy",
	}[p]
}
