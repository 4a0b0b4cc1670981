package acctest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// ExpectCalls compares the sandbox's call counts since the last reset with
// want (operations not listed must not have been called), then resets them.
func (e *Env) ExpectCalls(want map[string]int) error {
	if e.Sandbox == nil {
		return nil
	}
	got := map[string]int{}
	for op, n := range e.Sandbox.Stats().Calls {
		if n > 0 {
			got[op] = n
		}
	}
	e.Sandbox.ResetStats()
	if maps.Equal(got, want) {
		return nil
	}
	return fmt.Errorf("ECS calls: got %s, want %s", formatCalls(got), formatCalls(want))
}

func formatCalls(calls map[string]int) string {
	parts := make([]string, 0, len(calls))
	for _, op := range slices.Sorted(maps.Keys(calls)) {
		parts = append(parts, fmt.Sprintf("%s=%d", op, calls[op]))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// ExpectCallsCheck is ExpectCalls as a step Check: it sees the calls made by
// the apply alone when ExpectCallsPlanCheck ran as the step's last PreApply
// plan check.
func (e *Env) ExpectCallsCheck(want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error { return e.ExpectCalls(want) }
}

// ExpectCallsPlanCheck is ExpectCalls as a PreApply plan check: it sees the
// calls made by the step's plan (its refresh), and resets the counts so that
// the step's Check sees only the apply.
func (e *Env) ExpectCallsPlanCheck(want map[string]int) plancheck.PlanCheck {
	return callsPlanCheck{env: e, want: want}
}

type callsPlanCheck struct {
	env  *Env
	want map[string]int
}

func (c callsPlanCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if err := c.env.ExpectCalls(c.want); err != nil {
		resp.Error = fmt.Errorf("during plan: %w", err)
	}
}
