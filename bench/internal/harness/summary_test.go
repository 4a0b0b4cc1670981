package harness

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	runs := []PhaseRun{
		{Subject: "ecsx", N: 10, Run: 0, Phase: "apply", WallMs: 300, PeakRSS: 20 << 20, Calls: map[string]int64{"CreateCluster": 10, "DescribeClusters": 10, "sts:GetCallerIdentity": 1}},
		{Subject: "ecsx", N: 10, Run: 1, Phase: "apply", WallMs: 100, PeakRSS: 25 << 20, Calls: map[string]int64{"CreateCluster": 10}},
		{Subject: "ecsx", N: 10, Run: 2, Phase: "apply", WallMs: 200, PeakRSS: 22 << 20, Calls: map[string]int64{"CreateCluster": 10, "DescribeClusters": 20}, Error: "boom"},
		{Subject: "ecsx", N: 10, Phase: "apply", Scenario: "latency", WallMs: 9999},
		{Subject: "noop", N: 10, Phase: "apply", WallMs: 100},
		{Subject: "terraform_data", N: 10, Phase: "apply", WallMs: 50},
	}
	cells := Summarize(runs)
	if len(cells) != 3 {
		t.Fatalf("%d cells, want 3", len(cells))
	}
	e := cells[0]
	if e.MedianMs != 200 || e.PeakRSS != 25<<20 {
		t.Errorf("median %v rss %d", e.MedianMs, e.PeakRSS)
	}
	// The provider's sts:GetCallerIdentity is not an ECS call.
	if e.CallsPerCluster["CreateCluster"] != 1 || e.CallsPerCluster["DescribeClusters"] != 1 || e.CallsTotal != 2 || len(e.CallsPerCluster) != 2 {
		t.Errorf("calls %v total %v", e.CallsPerCluster, e.CallsTotal)
	}
	if len(e.Errors) != 1 {
		t.Errorf("errors %v", e.Errors)
	}
	r := Ratios(cells, []int{10})
	if len(r) != 1 || r[0].Phase != "apply" {
		t.Errorf("ratios with only apply measured: %v", r)
	}
	for _, p := range Phases[1:] {
		for _, s := range Subjects {
			cells = append(cells, Cell{Subject: s.Key, N: 10, Phase: p, MedianMs: 1})
		}
	}
	r = Ratios(cells, []int{10})
	if len(r) != 4 || r[0].VsNoop != 2 || r[0].VsTerraformDt != 4 {
		t.Errorf("ratios %+v", r)
	}
}

func TestSlopes(t *testing.T) {
	cells := []Cell{
		{Subject: "noop", N: 10, Phase: "plan", MedianMs: 500},
		{Subject: "noop", N: 100, Phase: "plan", MedianMs: 1400},
		{Subject: "noop", N: 1000, Phase: "plan", MedianMs: 10400},
	}
	s := Slopes(cells, []int{10, 100, 1000})
	if len(s) != 2 || s[0].MsPerRes != 10 || s[1].MsPerRes != 10 {
		t.Errorf("slopes %+v", s)
	}
}

func TestAPIMinimum(t *testing.T) {
	f := PhaseRun{Calls: map[string]int64{"CreateCluster": 100, "DescribeClusters": 210}, Throttled: 10}
	if got := APIMinimum(f, Fault{LatencyMs: 50}, 10); got != 1500*time.Millisecond {
		t.Errorf("latency minimum = %v, want 1.5s", got)
	}
	if got := APIMinimum(f, Fault{RateLimit: 20, Burst: 40}, 10); got != 13*time.Second {
		t.Errorf("throttling minimum = %v, want 13s", got)
	}
	if got := APIMinimum(PhaseRun{}, Fault{RateLimit: 20, Burst: 40}, 10); got != 0 {
		t.Errorf("minimum without calls = %v", got)
	}
}
