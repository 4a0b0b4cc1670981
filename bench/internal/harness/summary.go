package harness

import (
	"fmt"
	"slices"
	"strings"
)

// Cell summarises the runs of one subject, phase and N.
type Cell struct {
	Subject         string             `json:"subject"`
	N               int                `json:"n"`
	Phase           string             `json:"phase"`
	MedianMs        float64            `json:"median_ms"`
	RunsMs          []float64          `json:"runs_ms"`
	PeakRSS         int64              `json:"peak_rss_bytes,omitempty"`
	CPUTotalMs      float64            `json:"cpu_total_ms"`
	CPUProviderMs   float64            `json:"cpu_provider_ms,omitempty"`
	CPUSandboxMs    float64            `json:"cpu_sandbox_ms,omitempty"`
	CallsPerCluster map[string]float64 `json:"calls_per_cluster,omitempty"`
	CallsTotal      float64            `json:"calls_per_cluster_total,omitempty"`
	Errors          []string           `json:"errors,omitempty"`
}

// Ratio compares ecsx's median with the floors.
type Ratio struct {
	N             int     `json:"n"`
	Phase         string  `json:"phase"`
	VsNoopSchema  float64 `json:"vs_noop_schema"`
	VsNoop        float64 `json:"vs_noop"`
	VsTerraformDt float64 `json:"vs_terraform_data"`
}

// Summarize groups the plain runs (no fault scenario) into cells: the median
// wall time, the largest peak RSS and the median of each operation's calls
// per cluster over the runs.
func Summarize(runs []PhaseRun) []Cell {
	type key struct {
		subject, phase string
		n              int
	}
	groups := map[key][]PhaseRun{}
	var order []key
	for _, r := range runs {
		if r.Scenario != "" {
			continue
		}
		k := key{r.Subject, r.Phase, r.N}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	cells := make([]Cell, 0, len(order))
	for _, k := range order {
		g := groups[k]
		c := Cell{Subject: k.subject, N: k.n, Phase: k.phase}
		var rss []int64
		var cpuT, cpuP, cpuS []float64
		ops := map[string][]float64{}
		for i, r := range g {
			c.RunsMs = append(c.RunsMs, r.WallMs)
			cpuT, cpuP, cpuS = append(cpuT, r.TotalCPUMs), append(cpuP, r.ProviderCPUMs), append(cpuS, r.SandboxCPUMs)
			rss = append(rss, r.PeakRSS)
			for op, v := range r.Calls {
				if strings.HasPrefix(op, "sts:") {
					// The provider's credential check, once per process:
					// not an ECS call.
					continue
				}
				ops[op] = append(ops[op], float64(v)/float64(k.n))
			}
			if r.Error != "" {
				c.Errors = append(c.Errors, fmt.Sprintf("run %d: %s", i+1, r.Error))
			}
		}
		c.MedianMs = Median(c.RunsMs)
		c.CPUTotalMs, c.CPUProviderMs, c.CPUSandboxMs = Median(cpuT), Median(cpuP), Median(cpuS)
		c.PeakRSS = MaxInt64(rss)
		if len(ops) > 0 {
			c.CallsPerCluster = map[string]float64{}
			for op, v := range ops {
				for len(v) < len(g) { // an operation missing from a run counted 0 there
					v = append(v, 0)
				}
				if m := Median(v); m > 0 {
					c.CallsPerCluster[op] = m
					c.CallsTotal += m
				}
			}
		}
		cells = append(cells, c)
	}
	return cells
}

// Find returns the cell of a subject, phase and N.
func Find(cells []Cell, subject, phase string, n int) (Cell, bool) {
	i := slices.IndexFunc(cells, func(c Cell) bool {
		return c.Subject == subject && c.Phase == phase && c.N == n
	})
	if i < 0 {
		return Cell{}, false
	}
	return cells[i], true
}

// Ratios divides ecsx's medians by the floors' for every N and phase.
func Ratios(cells []Cell, ns []int) []Ratio {
	var out []Ratio
	for _, n := range ns {
		for _, p := range Phases {
			e, ok1 := Find(cells, ECSX.Key, p, n)
			o, ok2 := Find(cells, Noop.Key, p, n)
			d, ok3 := Find(cells, TerraformData.Key, p, n)
			if !ok1 || !ok2 || !ok3 || o.MedianMs == 0 || d.MedianMs == 0 {
				continue
			}
			q := Ratio{N: n, Phase: p, VsNoop: e.MedianMs / o.MedianMs, VsTerraformDt: e.MedianMs / d.MedianMs}
			if s, ok := Find(cells, NoopSchema.Key, p, n); ok && s.MedianMs > 0 {
				q.VsNoopSchema = e.MedianMs / s.MedianMs
			}
			out = append(out, q)
		}
	}
	return out
}

// Slope is the marginal cost of one more resource between two sizes:
// (t(N2) - t(N1)) / (N2 - N1), which leaves out the fixed start-up cost.
type Slope struct {
	Subject  string  `json:"subject"`
	Phase    string  `json:"phase"`
	From     int     `json:"from_n"`
	To       int     `json:"to_n"`
	MsPerRes float64 `json:"ms_per_resource"`
}

// Slopes computes the marginal cost between consecutive sizes.
func Slopes(cells []Cell, ns []int) []Slope {
	var out []Slope
	for _, s := range Subjects {
		for _, p := range Phases {
			for i := 1; i < len(ns); i++ {
				a, ok1 := Find(cells, s.Key, p, ns[i-1])
				b, ok2 := Find(cells, s.Key, p, ns[i])
				if !ok1 || !ok2 {
					continue
				}
				out = append(out, Slope{s.Key, p, ns[i-1], ns[i], (b.MedianMs - a.MedianMs) / float64(ns[i]-ns[i-1])})
			}
		}
	}
	return out
}
