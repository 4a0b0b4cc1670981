package guides

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// operations returns the API operations of an SDK client type: its methods
// of the form Op(context.Context, *OpInput, ...func(*Options)).
func operations(client any) map[string]bool {
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	out := map[string]bool{}
	typ := reflect.TypeOf(client)
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		ft := m.Type // receiver first
		if ft.NumIn() != 4 || ft.In(1) != ctxType || !ft.IsVariadic() {
			continue
		}
		if in := ft.In(2); in.Kind() == reflect.Pointer && in.Elem().Name() == m.Name+"Input" {
			out[m.Name] = true
		}
	}
	return out
}

var paginatorName = regexp.MustCompile(`^New(\w+)Paginator$`)

// codeActions returns the IAM actions of the ECS and STS operations that the
// provider's code (internal/provider and below, tests excluded) can call:
// calls of an operation method of the ECS or STS client (on any value: the
// clients are also wrapped in interfaces), the SDK's paginators
// (ecs.NewListClustersPaginator calls ListClusters), and the credential
// providers of stscreds, which call STS for the provider (AssumeRole, with
// sts:TagSession when the code passes session tags and sts:SetSourceIdentity
// when it passes a source identity; AssumeRoleWithWebIdentity), each with
// the files that call it.
func codeActions(t *testing.T) (actions map[string][]string) {
	t.Helper()
	ecsOps, stsOps := operations(&ecs.Client{}), operations(&sts.Client{})
	if !ecsOps["CreateCluster"] || !stsOps["GetCallerIdentity"] {
		t.Fatalf("operation sets look wrong: %d ECS, %d STS", len(ecsOps), len(stsOps))
	}
	for op := range ecsOps {
		if stsOps[op] {
			t.Fatalf("%s is an operation of both ECS and STS: the scan cannot tell them apart", op)
		}
	}
	actions = map[string][]string{}
	add := func(action, file string) {
		for _, f := range actions[action] {
			if f == file {
				return
			}
		}
		actions[action] = append(actions[action], file)
	}
	root := filepath.Join(acctest.ModuleRoot(t), "internal", "provider")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(acctest.ModuleRoot(t), path)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				name := sel.Sel.Name
				pkg := ""
				if id, ok := sel.X.(*ast.Ident); ok {
					pkg = id.Name
				}
				switch {
				case ecsOps[name] && len(n.Args) >= 2:
					add("ecs:"+name, rel)
				case stsOps[name] && len(n.Args) >= 2:
					add("sts:"+name, rel)
				case pkg == "ecs" && paginatorName.MatchString(name):
					add("ecs:"+paginatorName.FindStringSubmatch(name)[1], rel)
				case pkg == "sts" && paginatorName.MatchString(name):
					add("sts:"+paginatorName.FindStringSubmatch(name)[1], rel)
				case pkg == "stscreds" && name == "NewAssumeRoleProvider":
					add("sts:AssumeRole", rel)
				case pkg == "stscreds" && name == "NewWebIdentityRoleProvider":
					add("sts:AssumeRoleWithWebIdentity", rel)
				}
			case *ast.AssignStmt:
				// Options of stscreds.AssumeRoleOptions that need their own
				// permission on the AssumeRole call.
				for _, lhs := range n.Lhs {
					sel, ok := lhs.(*ast.SelectorExpr)
					if !ok || !importsStscreds(f) {
						continue
					}
					switch sel.Sel.Name {
					case "Tags", "TransitiveTagKeys":
						add("sts:TagSession", rel)
					case "SourceIdentity":
						add("sts:SetSourceIdentity", rel)
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return actions
}

func importsStscreds(f *ast.File) bool {
	for _, imp := range f.Imports {
		if strings.Trim(imp.Path.Value, `"`) == "github.com/aws/aws-sdk-go-v2/credentials/stscreds" {
			return true
		}
	}
	return false
}

var guideAction = regexp.MustCompile(`\b(ecs|sts):[A-Z][a-z][A-Za-z]*\b`)

// tableRow is a row of the guide's action tables: | `ecs:X` | needed by |.
var tableRow = regexp.MustCompile("(?m)^\\| ((?:`(?:ecs|sts):[A-Za-z]+`(?:, )?)+) \\| ([^|]*) \\|$")

// The Permissions guide lists every ECS and STS action the provider's code
// can call, each in a table row that says which call needs it, and names no
// ECS or STS action that the code never calls. (IAM permissions that are
// not API calls of the provider, such as iam:PassRole on the roles a Managed
// Instances provider names, are outside this comparison.)
func TestPermissionsGuide_matchesCode(t *testing.T) {
	code := codeActions(t)
	if len(code) < 20 {
		t.Fatalf("the scan found only %d actions in the provider's code: %v", len(code), code)
	}
	page := readDoc(t, "docs/guides/permissions.md")

	inGuide := map[string]bool{}
	for _, a := range guideAction.FindAllString(page, -1) {
		inGuide[a] = true
	}
	inTables := map[string]bool{}
	for _, m := range tableRow.FindAllStringSubmatch(page, -1) {
		if strings.TrimSpace(m[2]) == "" {
			t.Errorf("table row %q says nothing about the call that needs it", m[0])
		}
		for _, a := range guideAction.FindAllString(m[1], -1) {
			inTables[a] = true
		}
	}

	var missing, extra []string
	for a, files := range code {
		if !inTables[a] {
			missing = append(missing, a+" (called in "+strings.Join(files, ", ")+")")
		}
	}
	for a := range inGuide {
		if _, ok := code[a]; !ok {
			extra = append(extra, a)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	for _, m := range missing {
		t.Errorf("the code calls %s, which no table row of docs/guides/permissions.md lists", m)
	}
	for _, e := range extra {
		t.Errorf("docs/guides/permissions.md names %s, which the provider's code never calls", e)
	}
	if !t.Failed() {
		t.Logf("%d actions in the code and in the guide", len(code))
	}
}
