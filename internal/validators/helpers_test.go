package validators_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), dumpDiags(got))
	}
	for i, w := range want {
		d := got[i]
		if d.Severity() != diag.SeverityError {
			t.Errorf("diagnostic %d: severity %v, want error", i, d.Severity())
		}
		dp, ok := d.(diag.DiagnosticWithPath)
		if !ok || !dp.Path().Equal(w.path) {
			t.Errorf("diagnostic %d: not at %s: %s", i, w.path, dumpDiags(got))
		}
		if d.Summary() != w.summary {
			t.Errorf("diagnostic %d: summary %q, want %q", i, d.Summary(), w.summary)
		}
		if d.Detail() != w.detail {
			t.Errorf("diagnostic %d: detail %q, want %q", i, d.Detail(), w.detail)
		}
	}
}
