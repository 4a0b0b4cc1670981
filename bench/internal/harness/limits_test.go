package harness

import (
	"testing"
	"time"
)

func TestLimitsFloor(t *testing.T) {
	lat := 30 * time.Millisecond
	cases := []struct {
		phase string
		n, p  int
		want  time.Duration
	}{
		// 30 creates: 20 from the burst, then one a second.
		{PhaseApply, 30, 10, 10*time.Second + lat},
		// 100 tag updates: 20 from the burst, then ten a second.
		{PhaseUpdate, 100, 10, 8*time.Second + lat},
		// 100 deletes: 20 from the burst, then one a second.
		{PhaseDestroy, 100, 10, 80*time.Second + lat},
		// A refresh never empties the read bucket: 30 reads in a row at
		// -parallelism=10, 6 at 50.
		{PhasePlan, 300, 10, 30 * lat},
		{PhasePlan, 300, 50, 6 * lat},
		// Fewer creates than the burst: only the latency.
		{PhaseApply, 5, 10, lat},
	}
	for _, c := range cases {
		if got := LimitsFloor(c.phase, c.n, c.p, lat); got != c.want {
			t.Errorf("LimitsFloor(%s, %d, %d) = %v, want %v", c.phase, c.n, c.p, got, c.want)
		}
	}
}

// TestLimitsProviderRefreshFloor: a refresh of 100 capacity providers needs
// 10 DescribeCapacityProviders, within the read bucket's burst of 50, so
// only the latency of 10 reads in a row at -parallelism=10 bounds it.
func TestLimitsProviderRefreshFloor(t *testing.T) {
	lat := 30 * time.Millisecond
	if got := limitsFloorOf(LimitsProviderRefreshNeeds(100), 100, 10, lat); got != 10*lat {
		t.Errorf("floor of a refresh of 100 capacity providers at -parallelism=10 = %v, want %v", got, 10*lat)
	}
	// 1200 providers need 120 calls: 70 beyond the burst take 3.5 s at 20/s.
	if got := limitsFloorOf(LimitsProviderRefreshNeeds(1200), 1200, 50, lat); got != 3500*time.Millisecond+lat {
		t.Errorf("floor of a refresh of 1200 capacity providers at -parallelism=50 = %v, want %v", got, 3500*time.Millisecond+lat)
	}
}
