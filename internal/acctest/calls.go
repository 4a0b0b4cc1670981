package acctest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// ExpectCalls compares the sandbox's ECS call counts since the last reset
// with want (operations not listed must not have been called), then resets
// them. STS calls are left out: every configured provider makes one
// sts:GetCallerIdentity to check its credentials, which the credential
// tests count.
func (e *Env) ExpectCalls(want map[string]int) error {
	if e.Sandbox == nil {
		return nil
	}
	got := map[string]int{}
	for op, n := range e.Sandbox.Stats().Calls {
		if n > 0 && !strings.HasPrefix(op, sandbox.STSCallPrefix) {
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

// CallsBetween checks that calls, counts per ECS operation, holds between
// least and most calls of op.
func CallsBetween(calls map[string]int, op string, least, most int) error {
	n := calls[op]
	switch {
	case least == most && n != least:
		return fmt.Errorf("%s called %d times, want %d", op, n, least)
	case n < least || n > most:
		return fmt.Errorf("%s called %d times, want %d to %d", op, n, least, most)
	}
	return nil
}

// ExpectCallsBetween asserts on the calls of a step whose own Check cannot
// run (terraform-plugin-testing skips Check and ConfigStateChecks when a step
// fails as expected). The function it returns belongs in the next step's
// PreConfig, which runs after the failed step and before anything else: it
// fails t unless the sandbox's count of op since the last reset is between
// least and most. The test also fails if that function never ran.
func (e *Env) ExpectCallsBetween(t testing.TB, op string, least, most int) func() {
	t.Helper()
	ran := false
	t.Cleanup(func() {
		if !ran && !t.Failed() {
			t.Errorf("the check of %s calls (%d to %d) never ran", op, least, most)
		}
	})
	return func() {
		ran = true
		if e.Sandbox == nil {
			return
		}
		if err := CallsBetween(e.Sandbox.Stats().Calls, op, least, most); err != nil {
			t.Errorf("the failed step: %v", err)
		}
	}
}
