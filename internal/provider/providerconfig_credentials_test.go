package provider_test

import (
	"context"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// Accounts and roles of the credential tests. The sandbox's static key
// ("test") belongs to sandbox.DefaultAccount; the roles live in others.
const (
	webAccount     = "210987654321"
	webRoleARN     = "arn:aws:iam::" + webAccount + ":role/hcp-terraform"
	deployAccount  = "333344445555"
	deployRoleARN  = "arn:aws:iam::" + deployAccount + ":role/deploy"
	deployExternal = "ext-7f3a"
	webAudience    = "aws.workload.identity"
	webIssuer      = "https://app.terraform.io"
	webSubject     = "organization:acme:project:ecs:workspace:prod:run_phase:apply"
)

// webIdentityEnv starts a sandbox with the roles of the credential tests,
// in an environment without AWS settings, and returns a valid token.
func webIdentityEnv(t *testing.T) (*acctest.Env, string) {
	t.Helper()
	acctest.SkipOnAWS(t)
	isolateAWSEnvironment(t)
	env := acctest.New(t)
	env.Sandbox.AddRole(sandbox.Role{ARN: webRoleARN, WebIdentityAudiences: []string{webAudience}})
	env.Sandbox.AddRole(sandbox.Role{ARN: deployRoleARN, ExternalID: deployExternal})
	return env, sandbox.MintWebIdentityToken(webIssuer, webSubject, []string{webAudience}, time.Now().Add(time.Hour))
}

// writeFile writes content to a new file of the test and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// sandboxEndpoints is the endpoints block of the sandbox, for ECS and STS.
func sandboxEndpoints(env *acctest.Env) string {
	return fmt.Sprintf("  endpoints {\n    ecs = %q\n    sts = %q\n  }\n", env.Endpoint, env.Endpoint)
}

// accountECS is an ECS client of the sandbox acting in account: it
// registers a static key of that account.
func accountECS(t *testing.T, env *acctest.Env, account string) *ecs.Client {
	t.Helper()
	key := "AKIA" + account
	env.Sandbox.AddAccessKey(key, "secret-"+account, account, "")
	return ecs.New(ecs.Options{
		Region:       env.Region,
		BaseEndpoint: aws.String(env.Endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(key, "secret-"+account, ""),
	})
}

// clusterStatus is the status of a cluster in the account of client, ""
// when the cluster is not found there.
func clusterStatus(client *ecs.Client, name string) (string, error) {
	out, err := client.DescribeClusters(context.Background(), &ecs.DescribeClustersInput{Clusters: []string{name}})
	if err != nil {
		return "", err
	}
	if len(out.Clusters) == 0 {
		return "", nil
	}
	return aws.ToString(out.Clusters[0].Status), nil
}

// checkOnlyIn checks that the cluster is ACTIVE in the account of in and
// unknown to the account of notIn: ECS resources are per account.
func checkOnlyIn(name string, in, notIn *ecs.Client) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if st, err := clusterStatus(in, name); err != nil || st != "ACTIVE" {
			return fmt.Errorf("cluster %s in the role's account: status %q, %v; want ACTIVE", name, st, err)
		}
		if st, err := clusterStatus(notIn, name); err != nil || st != "" {
			return fmt.Errorf("cluster %s is visible in the other account (status %q, %v)", name, st, err)
		}
		return nil
	}
}

// checkCreatedIn checks that ecsx_cluster.test is the cluster name of
// account, visible there and not to the account of notIn.
func checkCreatedIn(name, account string, in, notIn *ecs.Client) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("ecsx_cluster.test", "arn", "arn:aws:ecs:us-east-1:"+account+":cluster/"+name),
		checkOnlyIn(name, in, notIn),
	)
}

// TestAccProvider_webIdentityTokenFile: the token file of HCP Terraform's
// dynamic credentials, with no other credentials. The cluster is created
// in the role's account, which the static key's account cannot see.
func TestAccProvider_webIdentityTokenFile(t *testing.T) {
	env, token := webIdentityEnv(t)
	tokenFile := writeFile(t, "token", token)
	roleAccount := accountECS(t, env, webAccount)
	config := fmt.Sprintf(`
provider "ecsx" {
  region = %q
%s
  assume_role_with_web_identity {
    role_arn                = %q
    session_name            = "hcp-run"
    web_identity_token_file = %q
    duration                = "1h"
    policy_arns             = ["arn:aws:iam::aws:policy/AmazonECS_FullAccess"]
  }
}

resource "ecsx_cluster" "test" {
  name = "web-identity-file"
}
`, env.Region, sandboxEndpoints(env), webRoleARN, tokenFile)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: acctest.CheckClustersDestroyedWith(roleAccount),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  checkCreatedIn("web-identity-file", webAccount, roleAccount, env.ECS()),
			},
			{Config: config, PlanOnly: true},
		},
	})
	// One session serves the whole run of each Terraform command: the
	// credentials are cached, not assumed per call.
	st := env.Sandbox.Stats()
	if n := st.Calls["sts:AssumeRoleWithWebIdentity"]; n == 0 || n > 12 {
		t.Errorf("AssumeRoleWithWebIdentity called %d times, want one per provider process (1..12)", n)
	}
}

// TestAccProvider_webIdentityInlineChained: an inline token (as Stacks'
// identity_token gives it), then assume_role into a third account with an
// external ID: role chaining. A wrong external ID is refused with STS's
// AccessDenied at plan, before any ECS request.
func TestAccProvider_webIdentityInlineChained(t *testing.T) {
	env, token := webIdentityEnv(t)
	deploy := accountECS(t, env, deployAccount)
	config := func(externalID string) string {
		return fmt.Sprintf(`
provider "ecsx" {
  region = %q
%s
  assume_role_with_web_identity {
    role_arn           = %q
    web_identity_token = %q
  }
  assume_role {
    role_arn     = %q
    session_name = "deploy"
    external_id  = %q
  }
}

resource "ecsx_cluster" "test" {
  name = "chained"
}
`, env.Region, sandboxEndpoints(env), webRoleARN, token, deployRoleARN, externalID)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: acctest.CheckClustersDestroyedWith(deploy),
		Steps: []resource.TestStep{
			{
				Config:   config("wrong-id"),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)AWS role refused.*assume_role:\s+STS\s+refused\s+to\s+let\s+the\s+credentials\s+of\s+assume_role_with_web_identity\s+assume\s+role\s+` +
					regexp.QuoteMeta(deployRoleARN) + `\s+\(AccessDenied\).*external_id`),
			},
			{
				PreConfig: func() {
					if n := env.Sandbox.ECSCalls(); n != 0 {
						t.Errorf("%d ECS requests with a refused external ID, want 0", n)
					}
				},
				Config: config(deployExternal),
				Check:  checkCreatedIn("chained", deployAccount, deploy, env.ECS()),
			},
		},
	})
	st := env.Sandbox.Stats()
	if st.Calls["sts:AssumeRoleWithWebIdentity"] == 0 || st.Calls["sts:AssumeRole"] == 0 {
		t.Errorf("STS calls %v: want both AssumeRoleWithWebIdentity and AssumeRole", st.Calls)
	}
}

// TestAccProvider_webIdentityFromEnvironment: an empty
// assume_role_with_web_identity block takes AWS_ROLE_ARN,
// AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME.
func TestAccProvider_webIdentityFromEnvironment(t *testing.T) {
	env, token := webIdentityEnv(t)
	t.Setenv("AWS_ROLE_ARN", webRoleARN)
	t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", writeFile(t, "token", token))
	t.Setenv("AWS_ROLE_SESSION_NAME", "from-env")
	roleAccount := accountECS(t, env, webAccount)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: acctest.CheckClustersDestroyedWith(roleAccount),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "ecsx" {
  region = %q
%s
  assume_role_with_web_identity {}
}

resource "ecsx_cluster" "test" {
  name = "web-identity-env"
}
`, env.Region, sandboxEndpoints(env)),
			Check: checkOnlyIn("web-identity-env", roleAccount, env.ECS()),
		}},
	})
}

// TestAccProvider_hcpTerraformSharedConfig is the configuration of the HCP
// Terraform guide: dynamic credentials arrive as a shared config file with
// role_arn and web_identity_token_file, given to shared_config_files (the
// form for several configurations in one workspace), and
// allowed_account_ids guards the workspace's account.
func TestAccProvider_hcpTerraformSharedConfig(t *testing.T) {
	env, token := webIdentityEnv(t)
	sharedConfig := writeFile(t, "config", fmt.Sprintf("[default]\nrole_arn = %s\nweb_identity_token_file = %s\n",
		webRoleARN, writeFile(t, "token", token)))
	roleAccount := accountECS(t, env, webAccount)
	config := fmt.Sprintf(`
variable "tfc_aws_dynamic_credentials" {
  type = object({
    default = object({ shared_config_file = string })
    aliases = map(object({ shared_config_file = string }))
  })
}

provider "ecsx" {
  region              = %q
  shared_config_files = [var.tfc_aws_dynamic_credentials.default.shared_config_file]
  allowed_account_ids = [%q]
%s
}

resource "ecsx_cluster" "test" {
  name = "hcp-workspace"
}
`, env.Region, webAccount, sandboxEndpoints(env))
	t.Setenv("TF_VAR_tfc_aws_dynamic_credentials", fmt.Sprintf(`{"default":{"shared_config_file":%q},"aliases":{}}`, sharedConfig))
	acctest.Test(t, resource.TestCase{
		CheckDestroy: acctest.CheckClustersDestroyedWith(roleAccount),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  checkCreatedIn("hcp-workspace", webAccount, roleAccount, env.ECS()),
			},
			{Config: config, PlanOnly: true},
		},
	})
	if n := env.Sandbox.Stats().Calls["sts:GetCallerIdentity"]; n == 0 {
		t.Error("allowed_account_ids made no sts:GetCallerIdentity call")
	}
}

// TestAccProvider_webIdentityRefused: a role that STS refuses, a token
// for another audience and an expired token each fail the plan, while the
// provider is configured, with their own diagnostic naming
// assume_role_with_web_identity, the role, STS's error code and the token's
// claims, and no request reaches ECS. The credential calls keep the SDK's
// small retry budget, not the 25 retries of ECS calls: STS sees at most 3
// AssumeRoleWithWebIdentity attempts per configured provider, even for
// InvalidIdentityToken, which the SDK retries.
func TestAccProvider_webIdentityRefused(t *testing.T) {
	for name, tc := range map[string]struct {
		role  string
		token func() string
		want  string
	}{
		"refusedRole": {
			role: "arn:aws:iam::" + webAccount + ":role/x",
			token: func() string {
				return sandbox.MintWebIdentityToken(webIssuer, webSubject, []string{webAudience}, time.Now().Add(time.Hour))
			},
			want: `Web identity role refused.*assume_role_with_web_identity: STS refused to let this token assume role arn:aws:iam::` + webAccount + `:role/x (AccessDenied). ` +
				`Check the role's trust policy: the token has audience ` + webAudience + `, subject ` + webSubject + ` and issuer ` + webIssuer,
		},
		"wrongAudience": {
			role: webRoleARN,
			token: func() string {
				return sandbox.MintWebIdentityToken(webIssuer, webSubject, []string{"sts.amazonaws.com"}, time.Now().Add(time.Hour))
			},
			want: `Web identity token refused.*assume_role_with_web_identity: STS refused the token for role ` + webRoleARN + ` (InvalidIdentityToken: Incorrect token audience).*` +
				`the token has audience sts.amazonaws.com, subject ` + webSubject,
		},
		"expired": {
			role: webRoleARN,
			token: func() string {
				return sandbox.MintWebIdentityToken(webIssuer, webSubject, []string{webAudience}, time.Now().Add(-time.Minute))
			},
			want: `Web identity token expired.*assume_role_with_web_identity: STS refused the token for role ` + webRoleARN + ` because it has expired (ExpiredTokenException`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			env, _ := webIdentityEnv(t)
			factories, configures := countingFactories()
			acctest.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "ecsx" {
  region = %q
%s
  assume_role_with_web_identity {
    role_arn                = %q
    web_identity_token_file = %q
  }
}

resource "ecsx_cluster" "test" {
  name = "refused"
}
`, env.Region, sandboxEndpoints(env), tc.role, writeFile(t, "token", tc.token())),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(diagnosticPattern(tc.want)),
				}},
			})
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("%d ECS requests with refused credentials, want 0", n)
			}
			st := env.Sandbox.Stats()
			attempts, n := st.Calls["sts:AssumeRoleWithWebIdentity"], int(configures.Load())
			t.Logf("%d AssumeRoleWithWebIdentity attempts for %d configured providers", attempts, n)
			if n == 0 || attempts < n || attempts > 3*n {
				t.Errorf("%d AssumeRoleWithWebIdentity attempts for %d configured providers, want 1 to 3 each", attempts, n)
			}
			if c := st.Calls["sts:GetCallerIdentity"]; c != 0 {
				t.Errorf("%d GetCallerIdentity calls without credentials, want 0", c)
			}
		})
	}
}

// TestAccProvider_hcpTerraformSharedConfigRefused: with HCP Terraform's
// shared config file (the SDK's own web identity credentials), a role that
// STS refuses fails the plan too, naming that source, the role and the
// token's claims, as the HCP Terraform guide's troubleshooting shows.
func TestAccProvider_hcpTerraformSharedConfigRefused(t *testing.T) {
	env, token := webIdentityEnv(t)
	refused := "arn:aws:iam::" + webAccount + ":role/ecs-wrong"
	sharedConfig := writeFile(t, "config", fmt.Sprintf("[default]\nrole_arn = %s\nweb_identity_token_file = %s\n",
		refused, writeFile(t, "token", token)))
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "ecsx" {
  region              = %q
  shared_config_files = [%q]
%s
}

resource "ecsx_cluster" "test" {
  name = "hcp-refused"
}
`, env.Region, sharedConfig, sandboxEndpoints(env)),
			PlanOnly: true,
			ExpectError: regexp.MustCompile(diagnosticPattern(`Web identity role refused.*web identity credentials (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, or a profile's role_arn and web_identity_token_file): ` +
				`STS refused to let this token assume role ` + refused + ` (AccessDenied). Check the role's trust policy: the token has audience ` + webAudience + `, subject ` + webSubject)),
		}},
	})
	if n := env.Sandbox.ECSCalls(); n != 0 {
		t.Errorf("%d ECS requests with a refused role, want 0", n)
	}
}

// TestAccProvider_credentialCallsPerConfigure: each configured provider
// resolves its credentials once, with exactly the STS calls its chain needs,
// and validates them with one sts:GetCallerIdentity that the account guard
// shares; the ECS calls reuse the cached credentials. With
// skip_credentials_validation = true and no guard, there is no
// GetCallerIdentity, and the credentials are still resolved at configure.
func TestAccProvider_credentialCallsPerConfigure(t *testing.T) {
	for name, tc := range map[string]struct {
		settings string
		// per configured provider
		webIdentity, assumeRole, callerIdentity int
	}{
		"staticKeys": {
			settings: `access_key = "test"
  secret_key = "test"`,
			callerIdentity: 1,
		},
		"chainWithGuard": {
			settings:    `allowed_account_ids = ["` + deployAccount + `"]` + "\n" + chain,
			webIdentity: 1, assumeRole: 1, callerIdentity: 1,
		},
		"chainSkipValidation": {
			settings:    `skip_credentials_validation = true` + "\n" + chain,
			webIdentity: 1, assumeRole: 1,
		},
	} {
		t.Run(name, func(t *testing.T) {
			env, token := webIdentityEnv(t)
			factories, configures := countingFactories()
			acctest.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "ecsx" {
  region = %q
%s
  %s
}

data "ecsx_clusters" "all" {}
`, env.Region, sandboxEndpoints(env), strings.NewReplacer("WEB_ROLE", webRoleARN, "TOKEN", token, "DEPLOY_ROLE", deployRoleARN, "EXTERNAL_ID", deployExternal).Replace(tc.settings)),
					Check: resource.TestCheckResourceAttr("data.ecsx_clusters.all", "cluster_arns.#", "0"),
				}},
			})
			st := env.Sandbox.Stats()
			n := int(configures.Load())
			t.Logf("%d configured providers, STS calls %v", n, st.Calls)
			if n == 0 || st.Calls["ListClusters"] == 0 {
				t.Fatalf("%d configured providers, %d ListClusters calls: want the data source read", n, st.Calls["ListClusters"])
			}
			for op, per := range map[string]int{
				"sts:AssumeRoleWithWebIdentity": tc.webIdentity,
				"sts:AssumeRole":                tc.assumeRole,
				"sts:GetCallerIdentity":         tc.callerIdentity,
			} {
				if got := st.Calls[op]; got != per*n {
					t.Errorf("%s called %d times for %d configured providers, want %d each (calls %v)", op, got, n, per, st.Calls)
				}
			}
		})
	}
}

// chain is the credential chain of TestAccProvider_credentialCallsPerConfigure:
// WEB_ROLE, TOKEN, DEPLOY_ROLE and EXTERNAL_ID are replaced.
const chain = `  assume_role_with_web_identity {
    role_arn           = "WEB_ROLE"
    web_identity_token = "TOKEN"
  }
  assume_role {
    role_arn    = "DEPLOY_ROLE"
    external_id = "EXTERNAL_ID"
  }`

// diagnosticPattern matches text in a diagnostic that Terraform wrapped:
// any space of text matches any run of white space.
func diagnosticPattern(text string) string {
	parts := strings.Split(text, " ")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return `(?s)` + strings.ReplaceAll(strings.Join(parts, `\s+`), regexp.QuoteMeta(".*"), ".*")
}

// fullServer is what the provider's protocol 6 server implements: the
// optional interfaces that tf6server looks for with type assertions.
type fullServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // tf6server still asserts this interface
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // tf6server still asserts this interface
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // tf6server still asserts this interface
}

// configureCounter counts the ConfigureProvider calls of a server.
type configureCounter struct {
	fullServer
	n *atomic.Int64
}

func (c configureCounter) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	c.n.Add(1)
	return c.fullServer.ConfigureProvider(ctx, req)
}

// countingFactories are acctest.Factories whose servers count the times
// Terraform configures the provider.
func countingFactories() (map[string]func() (tfprotov6.ProviderServer, error), *atomic.Int64) {
	n := &atomic.Int64{}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ecsx": func() (tfprotov6.ProviderServer, error) {
			srv, err := acctest.Factories()["ecsx"]()
			if err != nil {
				return nil, err
			}
			full, ok := srv.(fullServer)
			if !ok {
				return nil, fmt.Errorf("the provider server %T lacks an optional interface", srv)
			}
			return configureCounter{fullServer: full, n: n}, nil
		},
	}, n
}

// TestAccProvider_accountGuard: allowed_account_ids and
// forbidden_account_ids refuse the account of the credentials while the
// provider is configured, naming the account found and the list, with 0
// ECS calls; the guard checks the final credentials (after web identity).
func TestAccProvider_accountGuard(t *testing.T) {
	for name, tc := range map[string]struct {
		guard, credentials, want string
	}{
		"notAllowed": {
			guard: `allowed_account_ids = ["999999999999", "888888888888"]`,
			want:  `(?s)AWS account not allowed.*account\s+` + sandbox.DefaultAccount + `.*888888888888, 999999999999`,
		},
		"forbidden": {
			guard: `forbidden_account_ids = ["` + sandbox.DefaultAccount + `"]`,
			want:  `(?s)AWS account forbidden.*account\s+` + sandbox.DefaultAccount + `.*forbidden accounts\s+` + sandbox.DefaultAccount,
		},
		"webIdentityAccountNotAllowed": {
			guard:       `allowed_account_ids = ["` + sandbox.DefaultAccount + `"]`,
			credentials: "web identity",
			want:        `(?s)AWS account not allowed.*assumed-role/hcp-terraform.*account\s+` + webAccount + `.*` + sandbox.DefaultAccount,
		},
	} {
		t.Run(name, func(t *testing.T) {
			env, token := webIdentityEnv(t)
			creds := `  access_key = "test"
  secret_key = "test"`
			if tc.credentials != "" {
				creds = fmt.Sprintf("  assume_role_with_web_identity {\n    role_arn = %q\n    web_identity_token = %q\n  }", webRoleARN, token)
			}
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "ecsx" {
  region = %q
  %s
%s
%s
}

resource "ecsx_cluster" "test" {
  name = "guarded"
}

data "ecsx_clusters" "all" {}
`, env.Region, tc.guard, creds, sandboxEndpoints(env)),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("%d ECS requests against a refused account, want 0", n)
			}
			if n := env.Sandbox.Stats().Calls["sts:GetCallerIdentity"]; n == 0 {
				t.Error("no sts:GetCallerIdentity call")
			}
		})
	}
}

// TestAccProvider_accountGuardAllowed: the allowed account works, checked
// with sts:GetCallerIdentity.
func TestAccProvider_accountGuardAllowed(t *testing.T) {
	env, _ := webIdentityEnv(t)
	config := fmt.Sprintf(`
provider "ecsx" {
  region              = %q
  access_key          = "test"
  secret_key          = "test"
  allowed_account_ids = [%q]
  sts_region          = "us-east-1"
%s
}
`, env.Region, sandbox.DefaultAccount, sandboxEndpoints(env))
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{{
			Config: config + `
resource "ecsx_cluster" "test" {
  name = "allowed"
}
`,
			Check: resource.TestCheckResourceAttr("ecsx_cluster.test", "status", "ACTIVE"),
		}},
	})
	if n := env.Sandbox.Stats().Calls["sts:GetCallerIdentity"]; n == 0 {
		t.Error("allowed_account_ids made no sts:GetCallerIdentity call")
	}
}

// TestAccProvider_stsRegion: sts_region is the region STS requests are
// signed for (and sent to), apart from the provider's region.
func TestAccProvider_stsRegion(t *testing.T) {
	env, _ := webIdentityEnv(t)
	var mu sync.Mutex
	var scopes []string
	recorder := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if i := strings.Index(auth, "Credential="); i >= 0 {
			mu.Lock()
			scopes = append(scopes, strings.SplitN(auth[i:], ",", 2)[0])
			mu.Unlock()
		}
		env.Sandbox.ServeHTTP(w, r)
	}))
	t.Cleanup(recorder.Close)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "ecsx" {
  region              = %q
  access_key          = "test"
  secret_key          = "test"
  sts_region          = "eu-central-1"
  allowed_account_ids = [%q]
  endpoints {
    ecs = %q
    sts = %q
  }
}

data "ecsx_clusters" "all" {}
`, env.Region, sandbox.DefaultAccount, env.Endpoint, recorder.URL),
			Check: resource.TestCheckResourceAttr("data.ecsx_clusters.all", "cluster_arns.#", "0"),
		}},
	})
	mu.Lock()
	defer mu.Unlock()
	if len(scopes) == 0 {
		t.Fatal("no signed STS request")
	}
	for _, s := range scopes {
		if !strings.Contains(s, "/eu-central-1/sts/aws4_request") {
			t.Errorf("STS request signed with %s, want the eu-central-1 scope", s)
		}
	}
}

// TestAccProvider_ignoreTags: tags set out of band (a tag policy, a cost
// tool) under ignored keys and prefixes never show as drift, are never
// removed by an update, and stay out of tags_all; the tags ecsx manages
// are still read and corrected.
func TestAccProvider_ignoreTags(t *testing.T) {
	acctest.SkipOnAWS(t)
	env := acctest.New(t)
	t.Setenv("TF_AWS_IGNORE_TAGS_KEYS", "")
	t.Setenv("TF_AWS_IGNORE_TAGS_KEY_PREFIXES", "")
	provider := env.ProviderConfigWith(`  ignore_tags {
    keys         = ["CostCenter"]
    key_prefixes = ["policy:"]
  }
`)
	config := func(team string) string {
		return provider + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = "ignore-tags"
  tags = { team = %q }
}
`, team)
	}
	var arn string
	tag := func(tags map[string]string) {
		var list []ecstypes.Tag
		for k, v := range tags {
			list = append(list, ecstypes.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
		if _, err := env.ECS().TagResource(context.Background(), &ecs.TagResourceInput{ResourceArn: aws.String(arn), Tags: list}); err != nil {
			t.Fatal(err)
		}
	}
	liveTags := func() map[string]string {
		out, err := env.ECS().ListTagsForResource(context.Background(), &ecs.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, tg := range out.Tags {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		return m
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config("platform"),
				Check: func(s *terraform.State) error {
					arn = s.RootModule().Resources["ecsx_cluster.test"].Primary.Attributes["arn"]
					return nil
				},
			},
			{
				// Out of band: two ignored tags, and a change of the managed one.
				PreConfig: func() {
					tag(map[string]string{"CostCenter": "1234", "policy:owner": "finance", "team": "changed"})
				},
				Config: config("platform"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("ecsx_cluster.test", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("ecsx_cluster.test", "tags_all.%", "1"),
					resource.TestCheckResourceAttr("ecsx_cluster.test", "tags_all.team", "platform"),
					resource.TestCheckNoResourceAttr("ecsx_cluster.test", "tags_all.CostCenter"),
					resource.TestCheckNoResourceAttr("ecsx_cluster.test", "tags_all.policy:owner"),
				),
			},
			{
				// Only ignored tags differ: no drift.
				Config:   config("platform"),
				PlanOnly: true,
			},
			{
				Config: config("apps"),
				Check: func(*terraform.State) error {
					got := liveTags()
					want := map[string]string{"team": "apps", "CostCenter": "1234", "policy:owner": "finance"}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						return fmt.Errorf("live tags %v, want %v: ignored tags must survive an update", got, want)
					}
					return nil
				},
			},
		},
	})
}

// TestAccProvider_ignoreTagsFromEnvironment: TF_AWS_IGNORE_TAGS_KEYS and
// TF_AWS_IGNORE_TAGS_KEY_PREFIXES work without a block.
func TestAccProvider_ignoreTagsFromEnvironment(t *testing.T) {
	acctest.SkipOnAWS(t)
	env := acctest.New(t)
	t.Setenv("TF_AWS_IGNORE_TAGS_KEYS", "CostCenter, Owner")
	t.Setenv("TF_AWS_IGNORE_TAGS_KEY_PREFIXES", "policy:")
	if err := env.CreateCluster("env-ignored"); err != nil {
		t.Fatal(err)
	}
	arn, err := env.ClusterARN("env-ignored")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.ECS().TagResource(context.Background(), &ecs.TagResourceInput{ResourceArn: aws.String(arn), Tags: []ecstypes.Tag{
		{Key: aws.String("Owner"), Value: aws.String("x")},
		{Key: aws.String("policy:a"), Value: aws.String("y")},
		{Key: aws.String("team"), Value: aws.String("z")},
	}}); err != nil {
		t.Fatal(err)
	}
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + `
data "ecsx_cluster" "test" {
  cluster_name = "env-ignored"
}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.ecsx_cluster.test", "tags.%", "1"),
				resource.TestCheckResourceAttr("data.ecsx_cluster.test", "tags.team", "z"),
			),
		}},
	})
}

// TestAccProvider_customCABundle: an ECS endpoint with a private CA is
// trusted through custom_ca_bundle (and AWS_CA_BUNDLE), refused without
// it, and a file without a certificate is a clear error.
func TestAccProvider_customCABundle(t *testing.T) {
	acctest.SkipOnAWS(t)
	isolateAWSEnvironment(t)
	t.Setenv("AWS_CA_BUNDLE", "")
	acctest.New(t) // the harness's Terraform setup and -short skip
	sb := sandbox.New(sandbox.Options{AccessKey: "test", SecretKey: "test"})
	srv := httptest.NewTLSServer(sb)
	t.Cleanup(srv.Close)
	bundle := writeFile(t, "ca.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})))
	notPEM := writeFile(t, "not.pem", "not a certificate\n")
	config := func(extra string) string {
		return fmt.Sprintf(`
provider "ecsx" {
  region      = "us-east-1"
  access_key  = "test"
  secret_key  = "test"
  max_retries = 0
%s
  endpoints {
    ecs = %[2]q
    sts = %[2]q
  }
}

resource "ecsx_cluster" "test" {
  name = "private-ca"
}
`, extra, srv.URL)
	}
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      config(fmt.Sprintf("  custom_ca_bundle = %q", notPEM)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid CA bundle.*no\s+PEM\s+certificate`),
			},
			{
				Config:      config(""),
				ExpectError: regexp.MustCompile(`(?s)certificate`),
			},
			{
				Config: config(fmt.Sprintf("  custom_ca_bundle = %q", bundle)),
				Check:  resource.TestCheckResourceAttr("ecsx_cluster.test", "status", "ACTIVE"),
			},
			{
				PreConfig: func() { t.Setenv("AWS_CA_BUNDLE", bundle) },
				Config:    config(""),
				PlanOnly:  true,
			},
		},
	})
	if n := sb.Stats().Calls["DeleteCluster"]; n != 1 {
		t.Errorf("DeleteCluster called %d times over TLS, want 1", n)
	}
}

// TestAccProvider_credentialValidation: each new argument is checked at
// plan time, naming it, with no STS or ECS call.
func TestAccProvider_credentialValidation(t *testing.T) {
	env, _ := webIdentityEnv(t)
	missing := filepath.Join(t.TempDir(), "missing-token")
	for name, tc := range map[string]struct{ block, want string }{
		"roleARN": {
			`assume_role_with_web_identity {
    role_arn           = "hcp-terraform"
    web_identity_token = "abcd"
  }`, `role_arn.*must be an IAM role ARN`,
		},
		"tokenAndFile": {
			`assume_role_with_web_identity {
    role_arn                = "` + webRoleARN + `"
    web_identity_token      = "abcd"
    web_identity_token_file = "/tmp/token"
  }`, `web_identity_token`,
		},
		"noToken": {
			`assume_role_with_web_identity {
    role_arn = "` + webRoleARN + `"
  }`, `No web identity token`,
		},
		"tokenFileMissing": {
			`assume_role_with_web_identity {
    role_arn                = "` + webRoleARN + `"
    web_identity_token_file = "` + missing + `"
  }`, `(?s)token file not readable.*missing-token`,
		},
		"duration": {
			`assume_role_with_web_identity {
    role_arn           = "` + webRoleARN + `"
    web_identity_token = "abcd"
    duration           = "5m"
  }`, `duration`,
		},
		"sessionName": {
			`assume_role_with_web_identity {
    role_arn           = "` + webRoleARN + `"
    web_identity_token = "abcd"
    session_name       = "has space"
  }`, `session_name`,
		},
		"policyARNs": {
			`assume_role_with_web_identity {
    role_arn           = "` + webRoleARN + `"
    web_identity_token = "abcd"
    policy_arns        = ["ReadOnlyAccess"]
  }`, `(?s)policy_arns.*IAM\s+policy\s+ARN`,
		},
		"accountID":  {`allowed_account_ids = ["1234"]`, `(?s)allowed_account_ids.*12-digit\s+AWS\s+account`},
		"bothGuards": {`allowed_account_ids = ["123456789012"]` + "\n  forbidden_account_ids = [\"210987654321\"]", `forbidden_account_ids|allowed_account_ids`},
		"ignoreTagsEmpty": {`ignore_tags {
    keys = [""]
  }`, `keys`},
		"stsRegion": {`sts_region = "moon-1"`, `(?s)sts_region.*AWS region`},
		"caBundle":  {`custom_ca_bundle = "` + missing + `"`, `(?s)custom_ca_bundle.*cannot read`},
		"twoBlocks": {`assume_role_with_web_identity {
    role_arn           = "` + webRoleARN + `"
    web_identity_token = "abcd"
  }
  assume_role_with_web_identity {
    role_arn           = "` + webRoleARN + `"
    web_identity_token = "efgh"
  }`, `assume_role_with_web_identity`},
		"typo": {`assume_role_with_web_identity {
    role_arn            = "` + webRoleARN + `"
    web_identiy_token   = "abcd"
  }`, `Unsupported argument`},
	} {
		t.Run(name, func(t *testing.T) {
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "ecsx" {
  region = %q
  access_key = "test"
  secret_key = "test"
  %s
%s
}

resource "ecsx_cluster" "test" {
  name = "validated"
}
`, env.Region, tc.block, sandboxEndpoints(env)),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := env.Sandbox.TotalCalls(); n != 0 {
		t.Errorf("%d sandbox requests for invalid provider blocks, want 0", n)
	}
}
