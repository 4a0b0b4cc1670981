// Package awsauth is the sandbox's stand-in for AWS authentication: it
// verifies SigV4 request signatures, holds the access keys, roles and
// temporary credentials of the accounts it knows, and serves the STS query
// protocol (GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity).
//
// A service built on it asks an Authority two things: Authenticate, which
// account and region a request of that service acts in (or why its
// signature is refused), and ServeSTS, to answer a request that is an STS
// call. Everything else (registered keys, roles, issued sessions, the trust
// of web identity audiences) stays inside the Authority.
package awsauth

import (
	"net/http"
	"sync"
	"time"
)

// Config configures an Authority.
type Config struct {
	// Account is the account of keys registered without one and of
	// requests that are not verified; it must be a 12-digit account ID.
	Account string
	// Region is the region of requests without a SigV4 credential scope.
	Region string
	// AccessKey and SecretKey, when both set, are registered as a key of
	// Account, so that signatures are verified from the start; Reset keeps
	// them.
	AccessKey, SecretKey string
	// AccountsByAccessKey optionally maps an access key ID to the account of
	// requests signed with it that are not verified (no key registered).
	// Unlisted keys use Account.
	AccountsByAccessKey map[string]string
	// MaxBodyBytes limits the body of an STS request.
	MaxBodyBytes int64
	// Now is the clock of signature dates and credential expiry.
	Now func() time.Time
	// CountCall, when set, is called with the action of every STS request
	// before it is served.
	CountCall func(action string)
}

// Authority verifies signatures and serves STS. Its methods are safe for
// concurrent use.
type Authority struct {
	cfg Config

	mu    sync.Mutex
	creds credentialStore
}

// New returns an Authority with cfg. A nil Now is time.Now, a nil CountCall
// counts nothing.
func New(cfg Config) *Authority {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CountCall == nil {
		cfg.CountCall = func(string) {}
	}
	auth := &Authority{cfg: cfg}
	auth.creds.init()
	auth.registerConfigKey()
	return auth
}

// Caller is what a verified (or accepted unverified) request acts as: the
// account whose resources it sees and the region of its credential scope.
type Caller struct {
	Account string
	Region  string
}

// Authenticate checks the SigV4 signature of a request to service (for
// example "ecs") whose body is body, and returns its caller, or the reason
// the signature is refused.
//
// A request signed with a registered or issued access key is always
// verified and acts in the key's account. With no static key registered
// (the default), unsigned requests and unknown keys are accepted, in the
// account of Config.AccountsByAccessKey or Config.Account; once one is, they
// are refused.
func (auth *Authority) Authenticate(r *http.Request, body []byte, service string) (Caller, *Failure) {
	id, region, failure := auth.authenticate(r, body, service)
	if failure != nil {
		return Caller{}, failure
	}
	if id != nil {
		return Caller{Account: id.account, Region: region}, nil
	}
	return Caller{Account: auth.unverifiedAccount(r), Region: region}, nil
}

// unverifiedAccount is the account of a request that is not verified: the
// account of its access key in Config.AccountsByAccessKey, else
// Config.Account.
func (auth *Authority) unverifiedAccount(r *http.Request) string {
	if a, ok := parseSigV4(r.Header.Get("Authorization")); ok {
		if acct, ok := auth.cfg.AccountsByAccessKey[a.accessKey]; ok {
			return acct
		}
	}
	return auth.cfg.Account
}
