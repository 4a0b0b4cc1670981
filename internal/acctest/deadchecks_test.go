package acctest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// terraform-plugin-testing runs a step's Check, ConfigStateChecks,
// PostApplyFunc and post-apply plan checks only after an apply that
// succeeded: a step that expects an error, or a PlanOnly step, skips them
// (and an import step never calls Check or ConfigStateChecks), so an
// assertion placed there passes whatever it asserts.
var (
	// Step fields that never run when the step expects an error.
	deadOnError = []string{"Check", "ConfigStateChecks", "PostApplyFunc", "PostApplyPreRefresh", "PostApplyPostRefresh"}
	// Step fields that never run in a PlanOnly or ImportState step.
	deadOnPlanOnly = []string{"Check", "ConfigStateChecks", "PostApplyFunc"}
)

// TestNoDeadStepChecks fails when a test step of any *_test.go file of the
// module holds an assertion that terraform-plugin-testing skips.
func TestNoDeadStepChecks(t *testing.T) {
	root := ModuleRoot(t)
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d test files under %s: the walk is broken", len(files), root)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		findings, err := deadStepChecks(f, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, finding := range findings {
			rel, _ := filepath.Rel(root, finding)
			t.Error(rel)
		}
	}
}

// TestDeadStepChecksNegativeControl feeds the scanner steps that it must
// flag, and steps that it must let pass.
func TestDeadStepChecksNegativeControl(t *testing.T) {
	const src = `package x

func steps() {
	_ = []resource.TestStep{
		{ // 5: dead Check
			Config:      "a",
			ExpectError: regexp.MustCompile("x"),
			Check:       func(*terraform.State) error { return nil },
		},
		{ // 10: dead ConfigStateChecks
			ExpectError:       regexp.MustCompile("x"),
			ConfigStateChecks: []statecheck.StateCheck{c},
		},
		{ // 14: dead PostApplyFunc
			ExpectError:   re,
			PostApplyFunc: func() {},
		},
		{ // 18: dead post-apply plan check
			ExpectError:      re,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: checks},
		},
		{ // 22: a PlanOnly step never applies, so its Check never runs
			PlanOnly: true,
			Check:    f,
		},
		{ // 26: nor does an import step's
			ImportState:       true,
			ConfigStateChecks: checks,
		},
		{ // fine: the pre-apply plan check runs before an apply error
			ExpectError:      re,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
		},
		{ // fine: no error expected
			Check: f,
		},
		{ // fine: PlanOnly false
			PlanOnly: false,
			Check:    f,
		},
	}
	step := resource.TestStep{Config: "a", Check: f} // 42: completed below
	step.ExpectError = re
	_ = step
	other := resource.TestStep{Config: "a", Check: f}
	_ = other
}
`
	findings, err := deadStepChecks("x_test.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range findings {
		// "x_test.go:LINE:COL: ..."
		lines = append(lines, strings.SplitN(f, ":", 3)[1])
	}
	want := []string{"5", "10", "14", "18", "22", "26", "42"}
	if !slices.Equal(lines, want) {
		t.Errorf("flagged lines %v, want %v:\n%s", lines, want, strings.Join(findings, "\n"))
	}
	if _, err := deadStepChecks("broken_test.go", []byte("package x\nfunc {")); err == nil {
		t.Error("a file that does not parse passed unnoticed")
	}
}

// deadStepChecks parses one Go file and describes each step that holds an
// assertion that never runs: a composite literal with ExpectError, PlanOnly:
// true or ImportState: true beside such a field, or a step variable that gets
// them by assignment within one function.
func deadStepChecks(name string, src []byte) ([]string, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil, err
	}
	var found []token.Pos
	msgs := map[token.Pos]string{}
	report := func(pos token.Pos, fields map[string]bool) {
		if msg := deadFields(fields); msg != "" {
			found = append(found, pos)
			msgs[pos] = fmt.Sprintf("%s: %s", fset.Position(pos), msg)
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			report(n.Pos(), literalFields(n))
		case *ast.BlockStmt:
			// A step declared in this block and completed by assignments.
			declared := map[string]map[string]bool{}
			vars := map[string]map[string]bool{}
			pos := map[string]token.Pos{}
			for _, stmt := range n.List {
				as, ok := stmt.(*ast.AssignStmt)
				if !ok {
					continue
				}
				for i, lhs := range as.Lhs {
					switch l := lhs.(type) {
					case *ast.Ident:
						if i < len(as.Rhs) {
							if lit, ok := as.Rhs[i].(*ast.CompositeLit); ok {
								declared[l.Name] = literalFields(lit)
								vars[l.Name] = literalFields(lit)
								pos[l.Name] = lit.Pos()
							}
						}
					case *ast.SelectorExpr:
						id, ok := l.X.(*ast.Ident)
						if !ok || vars[id.Name] == nil || i >= len(as.Rhs) {
							continue
						}
						vars[id.Name][l.Sel.Name] = !isIdent(as.Rhs[i], "false") && !isIdent(as.Rhs[i], "nil")
					}
				}
			}
			for _, v := range slices.Sorted(maps.Keys(vars)) {
				// A literal dead by itself was reported by the CompositeLit case.
				if deadFields(declared[v]) == "" {
					report(pos[v], vars[v])
				}
			}
		}
		return true
	})
	slices.Sort(found)
	out := make([]string, 0, len(found))
	for _, pos := range found {
		out = append(out, msgs[pos])
	}
	return out, nil
}

// literalFields returns the keys of a composite literal that are set to
// something other than false or nil, and the keys of a ConfigPlanChecks
// literal inside it.
func literalFields(lit *ast.CompositeLit) map[string]bool {
	fields := map[string]bool{}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if isIdent(kv.Value, "false") || isIdent(kv.Value, "nil") {
			continue
		}
		fields[id.Name] = true
		if inner, ok := kv.Value.(*ast.CompositeLit); ok && id.Name == "ConfigPlanChecks" {
			for k := range literalFields(inner) {
				fields[k] = true
			}
		}
	}
	return fields
}

// deadFields says which assertions of a step never run, or "" when all do.
func deadFields(fields map[string]bool) string {
	var why string
	var dead []string
	switch {
	case fields["ExpectError"]:
		why, dead = "expects an error", deadOnError
	case fields["PlanOnly"]:
		why, dead = "is PlanOnly", deadOnPlanOnly
	case fields["ImportState"]:
		why, dead = "is an import step", deadOnPlanOnly
	default:
		return ""
	}
	var found []string
	for _, f := range dead {
		if fields[f] {
			found = append(found, f)
		}
	}
	if len(found) == 0 {
		return ""
	}
	return fmt.Sprintf("the step %s, so terraform-plugin-testing skips its %s", why, strings.Join(found, ", "))
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
