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
