package awsauth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Role is an IAM role that AssumeRole and AssumeRoleWithWebIdentity can
// assume. The sandbox models no trust policy: any caller may assume a
// registered role, subject to ExternalID and, for web identity,
// WebIdentityAudiences.
type Role struct {
	// ARN is the role's ARN, arn:<partition>:iam::<account>:role/[path/]name.
	// The account of the ARN is the account the role's sessions act in.
	ARN string
	// ExternalID, when set, must be passed as AssumeRole's ExternalId.
	ExternalID string
	// WebIdentityAudiences are the token audiences (aud claims) the role
	// trusts for AssumeRoleWithWebIdentity. A role without audiences cannot
	// be assumed with a web identity.
	WebIdentityAudiences []string
	// MaxSessionDuration is the role's maximum session duration, 1 to 12
	// hours; zero means 1 hour, the IAM default.
	MaxSessionDuration time.Duration
}

// registeredRole is a Role with its parsed ARN.
type registeredRole struct {
	Role
	partition, account, name, id string
}

// identity is the principal behind an access key: an IAM user or role with
// static keys, or a role session with temporary credentials.
type identity struct {
	account string
	arn     string // the caller ARN that GetCallerIdentity reports
	userID  string
	secret  string
	token   string    // session token of temporary credentials
	expires time.Time // expiry of temporary credentials; zero for static keys
	session bool      // a role session: AssumeRole called with it is role chaining

	sourceIdentity string // set by AssumeRole, kept by chained sessions
}

func (id *identity) temporary() bool { return id.token != "" }

// credentialStore holds the registered access keys, roles and the issued
// temporary credentials. It is guarded by Authority.mu.
type credentialStore struct {
	static map[string]*identity // access key ID -> static identity
	temp   map[string]*identity // access key ID (ASIA...) -> role session
	roles  map[string]*registeredRole
}

func (cs *credentialStore) init() {
	cs.static = make(map[string]*identity)
	cs.temp = make(map[string]*identity)
	cs.roles = make(map[string]*registeredRole)
}

// AddAccessKey registers static credentials of an IAM user or role in an
// account. principalARN is the caller ARN that GetCallerIdentity reports;
// empty means arn:aws:iam::<account>:user/sandbox, and an empty account
// means Config.Account. From the first registered key on (Config.AccessKey
// and SecretKey register themselves), every request must be signed with a
// registered or issued key, and its signature is verified. AddAccessKey
// fails when accessKey or secretKey is empty, the account is not 12 digits
// or principalARN is not an IAM user or role ARN of that account.
func (auth *Authority) AddAccessKey(accessKey, secretKey, account, principalARN string) error {
	if accessKey == "" || secretKey == "" {
		return fmt.Errorf("access key and secret key are required")
	}
	if account == "" {
		account = auth.cfg.Account
	}
	if !isAccountID(account) {
		return fmt.Errorf("account %q is not a 12-digit account ID", account)
	}
	if principalARN == "" {
		principalARN = "arn:aws:iam::" + account + ":user/sandbox"
	}
	parts := strings.SplitN(principalARN, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iam" || parts[3] != "" || parts[4] != account {
		return fmt.Errorf("principal %q is not an IAM ARN of account %s", principalARN, account)
	}
	var prefix string
	switch {
	case strings.HasPrefix(parts[5], "user/"):
		prefix = "AIDA"
	case strings.HasPrefix(parts[5], "role/"):
		prefix = "AROA"
	default:
		return fmt.Errorf("principal %q is neither an IAM user nor a role", principalARN)
	}
	if strings.HasSuffix(parts[5], "/") {
		return fmt.Errorf("principal %q has no name", principalARN)
	}
	auth.mu.Lock()
	defer auth.mu.Unlock()
	auth.creds.static[accessKey] = &identity{account: account, arn: principalARN, userID: uniqueID(prefix, principalARN), secret: secretKey}
	return nil
}

// AddRole registers a role that STS can assume; a role with the same ARN is
// replaced. AddRole fails when the ARN is not an IAM role ARN or
// MaxSessionDuration is outside 1 to 12 hours.
func (auth *Authority) AddRole(r Role) error {
	partition, account, name, ok := parseRoleARN(r.ARN)
	if !ok {
		return fmt.Errorf("%q is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)", r.ARN)
	}
	if r.MaxSessionDuration == 0 {
		r.MaxSessionDuration = time.Hour
	}
	if r.MaxSessionDuration < time.Hour || r.MaxSessionDuration > 12*time.Hour {
		return fmt.Errorf("maximum session duration %s is outside 1h to 12h", r.MaxSessionDuration)
	}
	r.WebIdentityAudiences = append([]string(nil), r.WebIdentityAudiences...)
	auth.mu.Lock()
	defer auth.mu.Unlock()
	auth.creds.roles[r.ARN] = &registeredRole{Role: r, partition: partition, account: account, name: name, id: uniqueID("AROA", r.ARN)}
	return nil
}

// registerConfigKey registers Config.AccessKey and SecretKey in
// Config.Account.
func (auth *Authority) registerConfigKey() {
	if auth.cfg.AccessKey != "" && auth.cfg.SecretKey != "" {
		_ = auth.AddAccessKey(auth.cfg.AccessKey, auth.cfg.SecretKey, auth.cfg.Account, "")
	}
}

// Reset drops registered keys, roles and issued credentials, keeping the
// key of Config.
func (auth *Authority) Reset() {
	auth.mu.Lock()
	auth.creds.init()
	auth.mu.Unlock()
	auth.registerConfigKey()
}

// verifying reports whether signatures are verified: some static key is
// registered.
func (auth *Authority) verifying() bool {
	auth.mu.Lock()
	defer auth.mu.Unlock()
	return len(auth.creds.static) > 0
}

// lookupKey returns the identity of an access key, static or temporary.
func (auth *Authority) lookupKey(accessKey string) *identity {
	auth.mu.Lock()
	defer auth.mu.Unlock()
	if id := auth.creds.static[accessKey]; id != nil {
		return id
	}
	return auth.creds.temp[accessKey]
}

func (auth *Authority) lookupRole(arn string) *registeredRole {
	auth.mu.Lock()
	defer auth.mu.Unlock()
	return auth.creds.roles[arn]
}

// issueSession creates temporary credentials for a session of role and
// returns their access key ID. The session token has at least minTokenSize
// bytes. Expired credentials stay known, so that their
// use is refused as expired rather than unknown.
func (auth *Authority) issueSession(role *registeredRole, sessionName, sourceIdentity string, minTokenSize int, expires time.Time) (string, *identity) {
	id := &identity{
		account: role.account,
		arn:     "arn:" + role.partition + ":sts::" + role.account + ":assumed-role/" + role.name + "/" + sessionName,
		userID:  role.id + ":" + sessionName,
		secret:  randomString(40, secretAlphabet),
		token:   base64.StdEncoding.EncodeToString(randomBytes(max(96, minTokenSize*3/4+3))),
		expires: expires,
		session: true,

		sourceIdentity: sourceIdentity,
	}
	key := "ASIA" + randomString(16, keyAlphabet)
	auth.mu.Lock()
	defer auth.mu.Unlock()
	auth.creds.temp[key] = id
	return key, id
}

// parseRoleARN splits arn:<partition>:iam::<account>:role/[path/]name.
func parseRoleARN(arn string) (partition, account, name string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iam" || parts[3] != "" || !isAccountID(parts[4]) {
		return "", "", "", false
	}
	res, found := strings.CutPrefix(parts[5], "role/")
	if !found || res == "" || strings.HasSuffix(res, "/") {
		return "", "", "", false
	}
	return parts[1], parts[4], res[strings.LastIndexByte(res, '/')+1:], true
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

const (
	keyAlphabet    = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	secretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)

// uniqueID derives a stable IAM unique ID (AIDA... for users, AROA... for
// roles: 21 characters) from an ARN.
func uniqueID(prefix, arn string) string {
	sum := sha256.Sum256([]byte(arn))
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < 17; i++ {
		b.WriteByte(keyAlphabet[sum[i]%32])
	}
	return b.String()
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func randomString(n int, alphabet string) string {
	b := randomBytes(n)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// MintWebIdentityToken builds a token of the shape of an OpenID Connect ID
// token (a JWT) with the claims iss, sub, aud, iat and exp, for
// AssumeRoleWithWebIdentity against the sandbox. Its signature is not a real
// one: the sandbox does not verify token signatures.
func MintWebIdentityToken(iss, sub string, aud []string, exp time.Time) string {
	header, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": "sandbox"})
	claims := map[string]any{"iss": iss, "sub": sub, "exp": exp.Unix(), "iat": exp.Add(-time.Hour).Unix()}
	if len(aud) == 1 {
		claims["aud"] = aud[0]
	} else {
		claims["aud"] = aud
	}
	payload, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(header) + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString(randomBytes(64))
}
