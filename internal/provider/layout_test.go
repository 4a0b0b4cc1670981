package provider

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// resourceGroups maps a file name prefix to the object whose files carry it.
// A file without one of these prefixes holds shared machinery (retry.go,
// tags.go...) or the provider's entry point (provider.go); providerconfig_
// files hold the provider block and the provider data every resource
// receives, so they may be used by any file.
var resourceGroups = []struct{ prefix, group string }{
	{"association_", "association"},
	{"capacity_provider_", "capacity_provider"},
	{"clusters_", "cluster"},
	{"cluster_", "cluster"},
}

// layoutAllowed lists the identifiers of a resource's files that files
// outside that resource may use, keyed by the user (a resource group, or a
// file name for files outside any group) and the identifier, each with its
// reason.
var layoutAllowed = map[string]map[string]string{
	"association": {
		"findLiveCluster":      "the association reads the cluster it belongs to",
		"waitClusterActive":    "the association waits for its cluster to be ACTIVE before associating providers",
		"parseClusterImportID": "the association is imported by the import ID of its cluster",
		"waitProvidersUsable":  "the association waits for the capacity providers it associates to be ACTIVE",
	},
	"cluster": {
		"waitProvidersUsable": "a cluster's capacity_providers wait for those providers to be ACTIVE",
	},
	"provider.go": {
		"NewClusterResource":                  "the provider registers every resource",
		"NewCapacityProviderResource":         "the provider registers every resource",
		"NewClusterCapacityProvidersResource": "the provider registers every resource",
		"NewClusterDataSource":                "the provider registers every data source",
		"NewClustersDataSource":               "the provider registers every data source",
		"NewCapacityProviderDataSource":       "the provider registers every data source",
		"NewClusterListResource":              "the provider registers every list resource",
		"NewCapacityProviderListResource":     "the provider registers every list resource",
	},
	"scoped_providers.go": {
		"maxDescribeClusters": "DescribeCapacityProviders takes as many names per call as DescribeClusters (100)",
	},
}

// fileGroup returns the resource group of a file, "" for a file outside any.
func fileGroup(name string) string {
	for _, g := range resourceGroups {
		if strings.HasPrefix(name, g.prefix) {
			return g.group
		}
	}
	return ""
}

// layoutViolations type-checks the files of one package (imports are not
// loaded: only the package's own identifiers are resolved) and returns, for
// every use of a package-level identifier defined in a resource's file by a
// file outside that resource, a line saying so, unless allowed permits it.
// Allow-list entries that nothing uses are reported as stale.
func layoutViolations(fset *token.FileSet, files []*ast.File, allowed map[string]map[string]string) []string {
	conf := types.Config{
		Importer: fakeImporter{},
		Error:    func(error) {}, // unresolved imports are expected
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	pkg, _ := conf.Check("layout", fset, files, info)

	var out []string
	used := map[string]bool{}
	for id, obj := range info.Uses {
		if obj == nil || obj.Pkg() != pkg || obj.Parent() != pkg.Scope() {
			continue
		}
		defFile := filepath.Base(fset.Position(obj.Pos()).Filename)
		useFile := filepath.Base(fset.Position(id.Pos()).Filename)
		defGroup, useGroup := fileGroup(defFile), fileGroup(useFile)
		if defGroup == "" || defGroup == useGroup {
			continue
		}
		user := useGroup
		if user == "" {
			user = useFile
		}
		if _, ok := allowed[user][obj.Name()]; ok {
			used[user+"/"+obj.Name()] = true
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s uses %s, defined in %s (%s)",
			fset.Position(id.Pos()), useFile, obj.Name(), defFile, defGroup))
	}
	for user, names := range allowed {
		for name := range names {
			if !used[user+"/"+name] {
				out = append(out, fmt.Sprintf("stale allow-list entry: %s may use %s, but does not", user, name))
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// fakeImporter gives every import an empty package: the check needs only
// the identifiers of the package under test.
type fakeImporter struct{}

func (fakeImporter) Import(p string) (*types.Package, error) {
	name := path.Base(p)
	if strings.HasPrefix(name, "v") && strings.Trim(name[1:], "0123456789") == "" {
		name = path.Base(path.Dir(p))
	}
	pkg := types.NewPackage(p, strings.ReplaceAll(name, "-", ""))
	pkg.MarkComplete()
	return pkg, nil
}

// TestLayout_resourceFilesUseNoOtherResourcesHelpers checks that the files
// of one resource use nothing defined in another resource's files (shared
// machinery lives in files named for its concern), except the finders and
// waiters of layoutAllowed.
func TestLayout_resourceFilesUseNoOtherResourcesHelpers(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) < 10 {
		t.Fatalf("parsed %d files; expected the whole package", len(files))
	}
	for _, v := range layoutViolations(fset, files, layoutAllowed) {
		t.Error(v)
	}
}

// TestLayout_negativeControl runs the check on a small package that breaks
// the rule, to show that the check reports it.
func TestLayout_negativeControl(t *testing.T) {
	src := map[string]string{
		"cluster_waiters.go": `package p
func findLiveCluster() int { return 1 }
func clusterHelper() int { return 2 }`,
		"capacity_provider_resource.go": `package p
import "fmt"
func create() { fmt.Println(clusterHelper(), shared()) }`,
		"association_resource.go": `package p
func read() int { return findLiveCluster() }`,
		"retry.go": `package p
func shared() int { return 3 }`,
		"provider.go": `package p
func register() int { return clusterHelper() }`,
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range slices.Sorted(maps.Keys(src)) {
		f, err := parser.ParseFile(fset, name, src[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	allowed := map[string]map[string]string{
		"association": {"findLiveCluster": "depends on its cluster"},
		"cluster":     {"neverUsed": "stale"},
	}
	got := layoutViolations(fset, files, allowed)
	want := []string{
		"capacity_provider_resource.go:3:29: capacity_provider_resource.go uses clusterHelper, defined in cluster_waiters.go (cluster)",
		"provider.go:2:30: provider.go uses clusterHelper, defined in cluster_waiters.go (cluster)",
		"stale allow-list entry: cluster may use neverUsed, but does not",
	}
	if !slices.Equal(got, want) {
		t.Errorf("layoutViolations:\ngot  %q\nwant %q", got, want)
	}
}

// tableMismatches compares the layout table of doc (lines "//<tab>file.go
// what it holds") with the package's non-test files.
func tableMismatches(doc string, files []string) []string {
	listed := map[string]bool{}
	for _, line := range strings.Split(doc, "\n") {
		if f, ok := strings.CutPrefix(line, "//\t"); ok {
			if name, _, _ := strings.Cut(f, " "); strings.HasSuffix(name, ".go") {
				listed[name] = true
			}
		}
	}
	var out []string
	for _, f := range files {
		if !listed[f] {
			out = append(out, f+" is not in doc.go's layout table")
		}
		delete(listed, f)
	}
	for _, f := range slices.Sorted(maps.Keys(listed)) {
		out = append(out, f+" is in doc.go's layout table but does not exist")
	}
	return out
}

// TestLayout_docTableListsEveryFile: doc.go's layout table names every
// non-test file of the package and no other.
func TestLayout_docTableListsEveryFile(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files := slices.DeleteFunc(names, func(f string) bool { return strings.HasSuffix(f, "_test.go") })
	for _, m := range tableMismatches(string(doc), files) {
		t.Error(m)
	}
	// Negative control: a file missing from the table and a listed file
	// that does not exist are both found.
	if got := tableMismatches("//\ta.go                x\n//\tgone.go             y\n", []string{"a.go", "b.go"}); len(got) != 2 {
		t.Errorf("negative control: %v, want b.go unlisted and gone.go missing", got)
	}
}
