package sandbox

import (
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/awsauth"
)

// STSCallPrefix prefixes the STS actions in Stats.Calls
// ("sts:GetCallerIdentity"), apart from the ECS operations.
const STSCallPrefix = "sts:"

// Role is an IAM role that STS can assume, see AddRole and awsauth.Role.
type Role = awsauth.Role

// AddAccessKey registers static credentials of an IAM user or role in an
// account. principalARN is the caller ARN that GetCallerIdentity reports;
// empty means arn:aws:iam::<account>:user/sandbox, and an empty account
// means Options.Account. From the first registered key on (Options.AccessKey
// and SecretKey register themselves), every ECS and STS request must be
// signed with a registered or issued key, and its signature is verified.
// ECS requests see the resources of the key's account. AddAccessKey panics
// when accessKey or secretKey is empty, the account is not 12 digits or
// principalARN is not an IAM user or role ARN of that account.
func (s *Server) AddAccessKey(accessKey, secretKey, account, principalARN string) {
	if err := s.auth.AddAccessKey(accessKey, secretKey, account, principalARN); err != nil {
		panic("sandbox: " + err.Error())
	}
}

// AddRole registers a role that STS can assume; a role with the same ARN is
// replaced. AddRole panics when the ARN is not an IAM role ARN or
// MaxSessionDuration is outside 1 to 12 hours.
func (s *Server) AddRole(r Role) {
	if err := s.auth.AddRole(r); err != nil {
		panic("sandbox: " + err.Error())
	}
}

// MintWebIdentityToken builds a web identity token for
// AssumeRoleWithWebIdentity against the sandbox; see
// awsauth.MintWebIdentityToken.
func MintWebIdentityToken(iss, sub string, aud []string, exp time.Time) string {
	return awsauth.MintWebIdentityToken(iss, sub, aud, exp)
}

// ecsAuthError names a refused signature as the ECS JSON protocol does.
func ecsAuthError(f *awsauth.Failure) *apiError {
	typ := map[awsauth.FailureKind]string{
		awsauth.MissingToken:        "MissingAuthenticationTokenException",
		awsauth.IncompleteSignature: "IncompleteSignatureException",
		awsauth.UnknownKey:          "UnrecognizedClientException",
		awsauth.BadSignature:        "InvalidSignatureException",
		awsauth.ExpiredToken:        "ExpiredTokenException",
	}[f.Kind]
	return errorf(typ, "%s", f.Message)
}
