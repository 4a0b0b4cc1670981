// Package migration tests the ways users bring clusters to ecsx with the real
// CLIs: moved blocks from hashicorp/aws's aws_ecs_cluster,
// aws_ecs_capacity_provider and aws_ecs_cluster_capacity_providers
// (Terraform >= 1.8),
// and import blocks with -generate-config-out (Terraform 1.5.7, the newest
// Terraform, OpenTofu 1.6.3), against an in-process sandbox.
package migration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestMain removes the binaries the tests build.
func TestMain(m *testing.M) {
	code := m.Run()
	acctest.RemoveBuilt()
	os.Exit(code)
}

// binaries builds the ecsx provider and the stand-in hashicorp/aws provider
// once per test binary.
func binaries(t *testing.T) (ecsxBin, awsBin string) {
	t.Helper()
	return acctest.Build(t, "terraform-provider-ecsx", "."), acctest.Build(t, "terraform-provider-aws", "./internal/migration/testdata/standin-aws")
}

// A CLI is a Terraform or OpenTofu binary.
type CLI struct {
	Path  string
	Tofu  bool
	Major int
	Minor int
}

// Host is the registry host the CLI gives short provider sources.
func (c CLI) Host() string {
	if c.Tofu {
		return "registry.opentofu.org"
	}
	return "registry.terraform.io"
}

func (c CLI) String() string {
	name := "Terraform"
	if c.Tofu {
		name = "OpenTofu"
	}
	return fmt.Sprintf("%s %d.%d (%s)", name, c.Major, c.Minor, c.Path)
}

var versionPattern = regexp.MustCompile(`(Terraform|OpenTofu) v(\d+)\.(\d+)\.\d+`)

// probe runs path version; ok is false when it is not a usable CLI.
func probe(path string) (CLI, bool) {
	if path == "" {
		return CLI{}, false
	}
	out, err := exec.Command(path, "version").Output()
	if err != nil {
		return CLI{}, false
	}
	m := versionPattern.FindSubmatch(out)
	if m == nil {
		return CLI{}, false
	}
	major, _ := strconv.Atoi(string(m[2]))
	minor, _ := strconv.Atoi(string(m[3]))
	return CLI{Path: path, Tofu: string(m[1]) == "OpenTofu", Major: major, Minor: minor}, true
}

// newestTerraform finds a Terraform of at least 1.minor: ECSX_TERRAFORM_LATEST,
// then bin/terraform-1.15.9, then terraform on PATH. It skips the test, naming
// what it needs, when there is none.
func newestTerraform(t *testing.T, minor int) CLI {
	t.Helper()
	candidates := []string{os.Getenv("ECSX_TERRAFORM_LATEST"), filepath.Join(acctest.ModuleRoot(t), "bin", "terraform-1.15.9")}
	if p, err := exec.LookPath("terraform"); err == nil {
		candidates = append(candidates, p)
	}
	for _, p := range candidates {
		if c, ok := probe(p); ok && !c.Tofu && c.Major == 1 && c.Minor >= minor {
			return c
		}
	}
	t.Skipf("needs Terraform >= 1.%d: set ECSX_TERRAFORM_LATEST, or build bin/terraform-1.15.9 with ../shared/tools/build-terraform.sh", minor)
	return CLI{}
}

// tofuLatest is the newest OpenTofu of the test matrix (make clis builds it
// into bin/).
const tofuLatest = "1.12.6"

// newestTofu finds an OpenTofu of at least 1.minor: ECSX_TOFU_LATEST (make
// test-tofu sets it to OpenTofu 1.12.6, then to 1.11.0, which sends
// hashicorp/aws's address in its short form), then bin/tofu-1.12.6, then tofu
// on PATH. It skips the test, naming what it needs, when there is none.
func newestTofu(t *testing.T, minor int) CLI {
	t.Helper()
	candidates := []string{os.Getenv("ECSX_TOFU_LATEST"), filepath.Join(acctest.ModuleRoot(t), "bin", "tofu-"+tofuLatest)}
	if p, err := exec.LookPath("tofu"); err == nil {
		candidates = append(candidates, p)
	}
	for _, p := range candidates {
		if c, ok := probe(p); ok && c.Tofu && c.Major == 1 && c.Minor >= minor {
			return c
		}
	}
	t.Skipf("needs OpenTofu >= 1.%d: set ECSX_TOFU_LATEST, or build bin/tofu-%s with scripts/build-tofu.sh %s bin/tofu-%s (make clis)",
		minor, tofuLatest, tofuLatest, tofuLatest)
	return CLI{}
}

// movingCLIs are the CLIs that move a resource across types (moved blocks
// between resource types of different providers): Terraform >= 1.8 and
// OpenTofu >= 1.10, the newest of each.
var movingCLIs = []struct {
	label string
	find  func(*testing.T) CLI
}{
	{"terraform-newest", func(t *testing.T) CLI { return newestTerraform(t, 8) }},
	{"tofu-newest", func(t *testing.T) CLI { return newestTofu(t, 10) }},
}

// StateVersion is the version a state written by the CLI records.
func (c CLI) StateVersion() string {
	return fmt.Sprintf("%d.%d.0", c.Major, c.Minor)
}

// pinnedCLI finds bin/NAME (TF_ACC_TERRAFORM_PATH for terraform), skipping
// the test when it is absent.
func pinnedCLI(t *testing.T, name string) CLI {
	t.Helper()
	p := filepath.Join(acctest.ModuleRoot(t), "bin", name)
	if name == "terraform" {
		p = acctest.PinnedTerraform(t)
	}
	c, ok := probe(p)
	if !ok {
		t.Skipf("%s not found at %s: make test builds bin/terraform, make test-tofu-oldest bin/tofu", name, p)
	}
	return c
}

// workspace is a working directory with a CLI configuration that installs
// the built providers from a filesystem mirror, so that init runs for real.
type workspace struct {
	t   *testing.T
	cli CLI
	dir string
	env []string
}

func newWorkspace(t *testing.T, cli CLI) *workspace {
	t.Helper()
	ecsxBin, awsBin := binaries(t)
	dir := t.TempDir()
	mirror := filepath.Join(dir, "mirror")
	platform := runtime.GOOS + "_" + runtime.GOARCH
	for _, p := range []struct{ ns, typ, version, bin string }{
		{"ecsx", "ecsx", "0.1.0", ecsxBin},
		{"hashicorp", "aws", "6.0.0", awsBin},
	} {
		target := filepath.Join(mirror, cli.Host(), p.ns, p.typ, p.version, platform)
		if err := os.MkdirAll(target, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p.bin, filepath.Join(target, "terraform-provider-"+p.typ+"_v"+p.version)); err != nil {
			t.Fatal(err)
		}
	}
	rc := filepath.Join(dir, "cli.rc")
	content := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror)
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "AWS_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return &workspace{t: t, cli: cli, dir: work, env: env}
}

// write writes a file of the working directory.
func (w *workspace) write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// read reads a file of the working directory.
func (w *workspace) read(name string) string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(b)
}

// run runs the CLI and returns its output and exit code.
func (w *workspace) run(args ...string) (string, int) {
	w.t.Helper()
	cmd := exec.CommandContext(w.t.Context(), w.cli.Path, args...)
	cmd.Dir = w.dir
	cmd.Env = w.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	code := 0
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		if !ok {
			w.t.Fatalf("%s %s: %v", w.cli, strings.Join(args, " "), err)
		}
		code = exitErr.ExitCode()
	}
	return out.String(), code
}

// mustRun runs the CLI and fails the test unless it exits 0.
func (w *workspace) mustRun(args ...string) string {
	w.t.Helper()
	out, code := w.run(args...)
	if code != 0 {
		w.t.Fatalf("%s %s: exit %d\n%s", w.cli, strings.Join(args, " "), code, out)
	}
	return out
}

// expectNoChanges runs plan -detailed-exitcode and fails unless it plans
// nothing.
func (w *workspace) expectNoChanges() {
	w.t.Helper()
	out, code := w.run("plan", "-input=false", "-no-color", "-detailed-exitcode")
	if code != 0 {
		w.t.Fatalf("%s: plan after apply is not empty (exit %d):\n%s", w.cli, code, out)
	}
}

// sandboxAccessKey and sandboxSecretKey are the keys the sandbox verifies.
const (
	sandboxAccessKey = "test"
	sandboxSecretKey = "test"
	sandboxRegion    = "us-east-1"
)

// startSandbox starts an in-process sandbox verifying signatures.
func startSandbox(t *testing.T) (*sandbox.Server, string, *ecs.Client) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{AccessKey: sandboxAccessKey, SecretKey: sandboxSecretKey})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client := ecs.New(ecs.Options{
		Region:       sandboxRegion,
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(sandboxAccessKey, sandboxSecretKey, ""),
	})
	return sb, srv.URL, client
}

// providerBlock is the terraform block naming ecsx (and more providers)
// and the ecsx provider block pointed at the sandbox.
func providerBlock(endpoint string, extraProviders string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    ecsx = { source = "ecsx/ecsx" }
%s
  }
}

provider "ecsx" {
  region     = %q
  access_key = %q
  secret_key = %q
  endpoints {
    ecs = %[5]q
    sts = %[5]q
  }
}
`, extraProviders, sandboxRegion, sandboxAccessKey, sandboxSecretKey, endpoint)
}

// modifyingCalls returns the sandbox's ECS calls since the last reset of
// operations that change something (anything but Describe, List and Get).
// The STS calls (the provider checks its credentials when it is configured)
// are left out.
func modifyingCalls(sb *sandbox.Server) map[string]int {
	out := map[string]int{}
	for op, n := range sb.Stats().Calls {
		if n == 0 || strings.HasPrefix(op, "Describe") || strings.HasPrefix(op, "List") || strings.HasPrefix(op, "Get") || strings.HasPrefix(op, sandbox.STSCallPrefix) {
			continue
		}
		out[op] = n
	}
	return out
}

// mustECS fails the test on an error of an out-of-band ECS call.
func mustECS(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// resourceTypes returns how many resources of each type the working
// directory's state file holds (Terraform indents it, OpenTofu may not).
func (w *workspace) resourceTypes() map[string]int {
	w.t.Helper()
	var state struct {
		Resources []struct {
			Type string `json:"type"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(w.read("terraform.tfstate")), &state); err != nil {
		w.t.Fatalf("state: %v", err)
	}
	out := map[string]int{}
	for _, r := range state.Resources {
		out[r.Type]++
	}
	return out
}

// expectClusterTakenOver checks a plan that brings the cluster arn under
// ecsx_cluster (a move or an import), then applies planFile: the plan
// neither replaces, destroys nor creates the cluster, the apply makes no
// changing ECS call, the next plan is empty, and the cluster is the only
// one in ECS and ecsx_cluster the only resource in the state. what names
// the way ("move", "import") in the errors.
func expectClusterTakenOver(t *testing.T, w *workspace, sb *sandbox.Server, client *ecs.Client, plan, planFile, arn, what string) {
	t.Helper()
	for _, bad := range []string{"must be replaced", "will be destroyed", "will be created"} {
		if strings.Contains(plan, bad) {
			t.Errorf("plan %s the cluster:\n%s", bad, plan)
		}
	}
	w.mustRun("apply", "-input=false", "-no-color", planFile)
	if calls := modifyingCalls(sb); len(calls) > 0 {
		t.Errorf("the %s's apply changed the cluster: %v", what, calls)
	}
	w.expectNoChanges()
	list, err := client.ListClusters(t.Context(), &ecs.ListClustersInput{})
	mustECS(t, err)
	if len(list.ClusterArns) != 1 || list.ClusterArns[0] != arn {
		t.Errorf("clusters after the %s: %v, want only %s", what, list.ClusterArns, arn)
	}
	if got, want := w.resourceTypes(), map[string]int{"ecsx_cluster": 1}; !maps.Equal(got, want) {
		t.Errorf("resources in the state after the %s: %v, want %v", what, got, want)
	}
}
