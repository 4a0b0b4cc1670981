package validators_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// wantDiag is an expected error diagnostic: its attribute path and a
// substring of its detail.
type wantDiag struct {
	path     path.Path
	contains string
}

// checkDiags compares diagnostics with the expected ones, in order.
func checkDiags(t *testing.T, got diag.Diagnostics, want []wantDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), dumpDiags(got))
	}
	for i, w := range want {
		d := got[i]
		if d.Severity() != diag.SeverityError {
			t.Errorf("diagnostic %d: severity %v, want error", i, d.Severity())
		}
		dp, ok := d.(diag.DiagnosticWithPath)
		if !ok {
			t.Errorf("diagnostic %d has no attribute path: %s", i, dumpDiags(got))
			continue
		}
		if !dp.Path().Equal(w.path) {
			t.Errorf("diagnostic %d: path %s, want %s", i, dp.Path(), w.path)
		}
		if !strings.Contains(d.Detail(), w.contains) {
			t.Errorf("diagnostic %d: detail %q does not contain %q", i, d.Detail(), w.contains)
		}
		if d.Summary() == "" {
			t.Errorf("diagnostic %d: empty summary", i)
		}
	}
}

func dumpDiags(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  ")
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			b.WriteString(dp.Path().String())
			b.WriteString(": ")
		}
		b.WriteString(d.Summary())
		b.WriteString(" | ")
		b.WriteString(d.Detail())
		b.WriteString("\n")
	}
	return b.String()
}

// exactDiag is an expected error diagnostic, to the letter.
type exactDiag struct {
	path            path.Path
	summary, detail string
}

// checkExact compares diagnostics with the expected ones, in order, to the
// letter: path, summary and detail.
func checkExact(t *testing.T, got diag.Diagnostics, want []exactDiag) {
	t.Helper()
	loose := make([]wantDiag, len(want))
	for i, w := range want {
		loose[i] = wantDiag{path: w.path, contains: w.detail}
	}
	checkDiags(t, got, loose)
	for i, w := range want {
		if got[i].Summary() != w.summary {
			t.Errorf("diagnostic %d: summary %q, want %q", i, got[i].Summary(), w.summary)
		}
		if got[i].Detail() != w.detail {
			t.Errorf("diagnostic %d: detail %q, want %q", i, got[i].Detail(), w.detail)
		}
	}
}

// exactCase is a value and the diagnostics it must get, to the letter.
type exactCase[T any] struct {
	name  string
	value T
	want  []exactDiag
}

// runExactCases validates each case's value with validate.
func runExactCases[T any](t *testing.T, validate func(T) diag.Diagnostics, cases []exactCase[T]) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkExact(t, validate(tt.value), tt.want)
		})
	}
}

// runExactStringCases validates each case's value at p with v.
func runExactStringCases(t *testing.T, v validator.String, p path.Path, cases []exactCase[types.String]) {
	t.Helper()
	runExactCases(t, func(value types.String) diag.Diagnostics {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: value}, resp)
		return resp.Diagnostics
	}, cases)
}

// runObjectCases validates each case's value at p with v.
func runObjectCases(t *testing.T, v validator.Object, p path.Path, cases []exactCase[types.Object]) {
	t.Helper()
	runExactCases(t, func(value types.Object) diag.Diagnostics {
		resp := &validator.ObjectResponse{}
		v.ValidateObject(context.Background(), validator.ObjectRequest{Path: p, ConfigValue: value}, resp)
		return resp.Diagnostics
	}, cases)
}
