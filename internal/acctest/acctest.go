// Package acctest is the acceptance test harness of the ecsx provider.
//
// By default every test runs against its own in-process ECS sandbox (an
// httptest server over internal/sandbox), without TF_ACC and without AWS
// credentials. With ECSX_ACC_AWS=1 the same tests run against real AWS with
// the credentials and region of the environment, under resource.Test
// semantics (TF_ACC must be set); sandbox-only tests are skipped.
package acctest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsx/terraform-provider-ecsx/internal/protoserve"
	"github.com/ecsx/terraform-provider-ecsx/internal/provider"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// Sandbox defaults: the region the provider signs for and the static keys,
// which the sandbox verifies.
const (
	SandboxRegion    = "us-east-1"
	SandboxAccessKey = "test"
	SandboxSecretKey = "test"

	// AWSEnvVar switches the tests to real AWS when set to 1.
	AWSEnvVar = "ECSX_ACC_AWS"

	// Lifecycle delays of the test sandbox: long enough that waits are
	// exercised, short enough that tests stay fast.
	sandboxProvisionDelay   = 500 * time.Millisecond
	sandboxDeprovisionDelay = 500 * time.Millisecond
)

// Env is the target of one test: an in-process sandbox, or real AWS.
type Env struct {
	// Sandbox is the test's own sandbox; nil against AWS.
	Sandbox *sandbox.Server
	// Endpoint is the sandbox URL; "" against AWS.
	Endpoint string
	// Region is the region the provider and ECS() use.
	Region string

	ecsOnce   sync.Once
	ecsClient *ecs.Client
}

// OnAWS reports whether the tests run against real AWS.
func OnAWS() bool {
	return os.Getenv(AWSEnvVar) == "1"
}

// New returns the test's environment. In sandbox mode it starts a fresh
// sandbox, closed when the test ends. Acceptance tests are skipped with
// -short.
func New(t *testing.T) *Env {
	t.Helper()
	if testing.Short() {
		t.Skip("acceptance test: skipped with -short")
	}
	setupTerraform()
	if OnAWS() {
		region := os.Getenv("AWS_REGION")
		if region == "" {
			region = os.Getenv("AWS_DEFAULT_REGION")
		}
		return &Env{Region: region}
	}
	sb := sandbox.New(sandbox.Options{
		ProvisionDelay:   sandboxProvisionDelay,
		DeprovisionDelay: sandboxDeprovisionDelay,
		AccessKey:        SandboxAccessKey,
		SecretKey:        SandboxSecretKey,
	})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return &Env{Sandbox: sb, Endpoint: srv.URL, Region: SandboxRegion}
}

// SkipOnAWS skips a test that needs the sandbox (fault hooks, call counts,
// namespaces that do not exist in the account).
func SkipOnAWS(t *testing.T) {
	t.Helper()
	if OnAWS() {
		t.Skipf("sandbox-only test; %s=1 runs against AWS", AWSEnvVar)
	}
}

// ProviderConfig is the provider block for the environment. Against the
// sandbox it points both ECS and STS at it: the provider checks its
// credentials with sts:GetCallerIdentity when it is configured, and no test
// may call the real STS.
func (e *Env) ProviderConfig() string {
	if e.Sandbox == nil {
		return "provider \"ecsx\" {}\n"
	}
	return fmt.Sprintf(`provider "ecsx" {
  region     = %q
  access_key = %q
  secret_key = %q
  endpoints {
    ecs = %[4]q
    sts = %[4]q
  }
}
`, e.Region, SandboxAccessKey, SandboxSecretKey, e.Endpoint)
}

// ProviderConfigWith is ProviderConfig with extra lines inside the block,
// for example a default_tags attribute.
func (e *Env) ProviderConfigWith(extra string) string {
	if e.Sandbox == nil {
		return "provider \"ecsx\" {\n" + extra + "\n}\n"
	}
	return fmt.Sprintf(`provider "ecsx" {
  region     = %q
  access_key = %q
  secret_key = %q
  endpoints {
    ecs = %[4]q
    sts = %[4]q
  }
%[5]s
}
`, e.Region, SandboxAccessKey, SandboxSecretKey, e.Endpoint, extra)
}

// ECS returns an SDK client for the environment, for out-of-band changes
// and destroy checks. Its calls go through the sandbox's faults like the
// provider's, so it retries persistently: a check must observe the store,
// not fail on the throttling or 500s a test injects.
func (e *Env) ECS() *ecs.Client {
	e.ecsOnce.Do(func() {
		ctx := context.Background()
		if e.Sandbox == nil {
			cfg, err := config.LoadDefaultConfig(ctx)
			if err != nil {
				panic(fmt.Sprintf("acctest: loading AWS configuration: %v", err))
			}
			e.ecsClient = ecs.NewFromConfig(cfg, func(o *ecs.Options) { o.Retryer = observerRetryer() })
			return
		}
		e.ecsClient = ecs.New(ecs.Options{
			Region:       e.Region,
			BaseEndpoint: aws.String(e.Endpoint),
			Credentials:  credentials.NewStaticCredentialsProvider(SandboxAccessKey, SandboxSecretKey, ""),
			Retryer:      observerRetryer(),
		})
	})
	return e.ecsClient
}

// Factories returns the protocol 6 provider factories of the tests.
// The server is wrapped as main.go serves it, so the tests run what ships.
func Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ecsx": func() (tfprotov6.ProviderServer, error) {
			return protoserve.Wrap(providerserver.NewProtocol6(provider.New("test")())()), nil
		},
	}
}

// Test runs a test case: resource.UnitTest against the sandbox (no TF_ACC
// needed), resource.Test against AWS. Factories are filled in when unset.
func Test(t *testing.T, c resource.TestCase) {
	t.Helper()
	if testing.Short() {
		t.Skip("acceptance test: skipped with -short")
	}
	setupTerraform()
	if c.ProtoV6ProviderFactories == nil && c.ProviderFactories == nil && c.ProtoV5ProviderFactories == nil {
		c.ProtoV6ProviderFactories = Factories()
	}
	if OnAWS() {
		resource.Test(t, c)
		return
	}
	resource.UnitTest(t, c)
}

// RandomName returns prefix, a hyphen and 10 random lowercase letters and
// digits: a valid, practically unique cluster name.
func RandomName(prefix string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 10)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return prefix + "-" + string(b)
}

var terraformOnce sync.Once

// setupTerraform points plugin-testing at the repository's pinned Terraform
// (bin/terraform, installed by the Makefile) when TF_ACC_TERRAFORM_PATH is
// not set, turns off checkpoint calls and ignores a CLI configuration file
// that does not exist.
func setupTerraform() {
	terraformOnce.Do(func() {
		if os.Getenv("CHECKPOINT_DISABLE") == "" {
			_ = os.Setenv("CHECKPOINT_DISABLE", "1")
		}
		ignoreMissingCLIConfig()
		if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
			return
		}
		dir, err := os.Getwd()
		if err != nil {
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				bin := filepath.Join(dir, "bin", "terraform")
				if _, err := os.Stat(bin); err == nil {
					_ = os.Setenv("TF_ACC_TERRAFORM_PATH", bin)
				}
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				return
			}
			dir = parent
		}
	})
}

func observerRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 40
		o.MaxBackoff = 2 * time.Second
		o.RateLimiter = ratelimit.None
	})
}

// ModuleRoot returns the directory of the module's go.mod, found above the
// test's working directory.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}
