package reliability_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// faultTestsEnv enables the long tests (make test-faults).
const faultTestsEnv = "ECSX_FAULT_TESTS"

// longTest skips t unless ECSX_FAULT_TESTS=1.
func longTest(t *testing.T) {
	t.Helper()
	if os.Getenv(faultTestsEnv) != "1" {
		t.Skipf("long test: run with %s=1 (make test-faults)", faultTestsEnv)
	}
	if testing.Short() {
		t.Skip("long test: skipped with -short")
	}
}

// liveClusters returns the ARNs of the clusters ECS lists (every status
// but INACTIVE), sorted.
func liveClusters(ctx context.Context, client *ecs.Client) ([]string, error) {
	var arns []string
	p := ecs.NewListClustersPaginator(client, &ecs.ListClustersInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing clusters: %w", err)
		}
		arns = append(arns, out.ClusterArns...)
	}
	slices.Sort(arns)
	return arns, nil
}

// stateClusters returns the IDs (ARNs) of the ecsx_cluster resources of s.
func stateClusters(s *terraform.State) []string {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "ecsx_cluster" && rs.Primary != nil && rs.Primary.ID != "" {
			ids = append(ids, rs.Primary.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// checkNoOrphans is a step check: the clusters of the sandbox are exactly
// those of the state (no orphan, no duplicate, no state entry without a
// cluster).
func checkNoOrphans(env *acctest.Env) func(*terraform.State) error {
	return func(s *terraform.State) error {
		live, err := liveClusters(context.Background(), env.ECS())
		if err != nil {
			return err
		}
		return compareClusters(live, stateClusters(s))
	}
}

func compareClusters(live, state []string) error {
	if slices.Equal(live, state) {
		return nil
	}
	var orphans, ghosts []string
	for _, a := range live {
		if !slices.Contains(state, a) {
			orphans = append(orphans, a)
		}
	}
	for _, a := range state {
		if !slices.Contains(live, a) {
			ghosts = append(ghosts, a)
		}
	}
	return fmt.Errorf("sandbox and state disagree: %d clusters unknown to the state %v, %d state entries without a cluster %v",
		len(orphans), orphans, len(ghosts), ghosts)
}

// TestMain removes the provider binary that CLI tests build.
func TestMain(m *testing.M) {
	code := m.Run()
	acctest.RemoveBuilt()
	os.Exit(code)
}

// providerBinary builds the provider once per test binary and returns the
// directory holding terraform-provider-ecsx.
func providerBinary(t *testing.T) string {
	t.Helper()
	return filepath.Dir(acctest.Build(t, "terraform-provider-ecsx", "."))
}

// cli runs the real Terraform CLI in its own working directory against the
// built provider (dev_overrides, no init).
type cli struct {
	t   *testing.T
	tf  string
	dir string
	env []string
}

func newCLI(t *testing.T, extraEnv ...string) *cli {
	t.Helper()
	binDir := providerBinary(t)
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"ecsx/ecsx\" = %q\n  }\n  direct {}\n}\n", binDir)
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "AWS_") || k == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	env = append(env, extraEnv...)
	return &cli{t: t, tf: acctest.PinnedTerraform(t), dir: dir, env: env}
}

// write replaces main.tf.
func (c *cli) write(config string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(config), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// command returns the terraform command for args, not started.
func (c *cli) command(ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, c.tf, args...)
	cmd.Dir = c.dir
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	return cmd, &out
}

// run runs terraform and returns its combined output and error.
func (c *cli) run(args ...string) (string, error) {
	cmd, out := c.command(c.t.Context(), args...)
	err := cmd.Run()
	return out.String(), err
}

// mustRun runs terraform and fails the test on error.
func (c *cli) mustRun(args ...string) string {
	c.t.Helper()
	out, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// cliProvider is the terraform and provider blocks for the CLI tests.
func cliProvider(endpoint, accessKey, secretKey, extra string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    ecsx = { source = "ecsx/ecsx" }
  }
}

provider "ecsx" {
  region     = "us-east-1"
  access_key = %q
  secret_key = %q
  endpoints {
    ecs = %[3]q
    sts = %[3]q
  }
%[4]s
}
`, accessKey, secretKey, endpoint, extra)
}

// startSandbox starts an in-process sandbox for a CLI test.
func startSandbox(t *testing.T, opts sandbox.Options) (*sandbox.Server, string, *ecs.Client) {
	t.Helper()
	sb := sandbox.New(opts)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	ak, sk := opts.AccessKey, opts.SecretKey
	if ak == "" {
		ak, sk = "test", "test"
	}
	client := ecs.New(ecs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(ak, sk, ""),
	})
	return sb, srv.URL, client
}

// TestCompareClusters is the negative control of checkNoOrphans: a cluster
// unknown to the state, or a state entry without a cluster, fails it.
func TestCompareClusters(t *testing.T) {
	for _, c := range []struct {
		live, state []string
		fails       bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, false},
		{nil, nil, false},
		{[]string{"a", "b"}, []string{"a"}, true},
		{[]string{"a"}, []string{"a", "b"}, true},
		{[]string{"a"}, nil, true},
	} {
		if err := compareClusters(c.live, c.state); (err != nil) != c.fails {
			t.Errorf("live %v, state %v: error %v, want failure %v", c.live, c.state, err, c.fails)
		}
	}
}
