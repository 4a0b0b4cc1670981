package awsauth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

const sigV4Algorithm = "AWS4-HMAC-SHA256"

// sigV4Auth is a parsed SigV4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc…
type sigV4Auth struct {
	accessKey, date, region, service string
	signedHeaders                    []string
	signature                        string
}

func parseSigV4(h string) (sigV4Auth, bool) {
	var a sigV4Auth
	rest, ok := strings.CutPrefix(h, sigV4Algorithm+" ")
	if !ok {
		return a, false
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			return a, false
		}
		switch k {
		case "Credential":
			scope := strings.Split(v, "/")
			if len(scope) != 5 || scope[4] != "aws4_request" || scope[0] == "" || scope[2] == "" {
				return a, false
			}
			a.accessKey, a.date, a.region, a.service = scope[0], scope[1], scope[2], scope[3]
		case "SignedHeaders":
			a.signedHeaders = strings.Split(v, ";")
		case "Signature":
			a.signature = v
		}
	}
	return a, a.accessKey != "" && len(a.signedHeaders) > 0 && a.signature != ""
}

// FailureKind classifies a refused request signature; each protocol names
// it with its own error code (STS's are in stsAuthError).
type FailureKind int

// The kinds of refused signatures.
const (
	MissingToken        FailureKind = iota // no Authorization header
	IncompleteSignature                    // a malformed Authorization header or credential scope
	UnknownKey                             // an access key (or session token) that was not registered or issued
	BadSignature                           // the signature does not verify, or its date or scope is wrong
	ExpiredToken                           // temporary credentials past their expiration
)

// Failure is a refused request signature: its kind and the message the
// services answer with.
type Failure struct {
	Kind    FailureKind
	Message string
}

const (
	msgSignatureMismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgInvalidToken      = "The security token included in the request is invalid."
	msgExpiredToken      = "The security token included in the request is expired"
	amzDateFormat        = "20060102T150405Z"
	maxClockSkew         = 15 * time.Minute
)

// authenticate checks the SigV4 signature of a request for service ("ecs"
// or "sts") and returns the caller's identity (nil when unsigned and not
// verified) and the region of the credential scope (Config.Region for
// unsigned requests).
//
// A request signed with a registered or issued access key is always
// verified. With no static key registered (the default), unsigned requests
// and unknown keys are accepted; once one is, they are refused.
func (auth *Authority) authenticate(r *http.Request, body []byte, service string) (*identity, string, *Failure) {
	verify := auth.verifying()
	h := r.Header.Get("Authorization")
	if h == "" {
		if verify {
			return nil, auth.cfg.Region, &Failure{MissingToken, "Missing Authentication Token"}
		}
		return nil, auth.cfg.Region, nil
	}
	a, ok := parseSigV4(h)
	if !ok {
		if verify {
			return nil, auth.cfg.Region, &Failure{IncompleteSignature, "The Authorization header is not a valid AWS Signature Version 4 header."}
		}
		return nil, auth.cfg.Region, nil
	}
	if !validRegion(a.region) {
		return nil, auth.cfg.Region, &Failure{IncompleteSignature, fmt.Sprintf("The credential scope has an invalid region %q.", a.region)}
	}
	id := auth.lookupKey(a.accessKey)
	if id == nil {
		if verify {
			return nil, a.region, &Failure{UnknownKey, msgInvalidToken}
		}
		return nil, a.region, nil
	}
	if f := auth.verifySignature(r, body, service, a, id); f != nil {
		return nil, a.region, f
	}
	return id, a.region, nil
}

// verifySignature checks, in the order the services report them, the
// session token, the credential scope's service and date, the clock skew,
// the payload hash and the signature itself.
func (auth *Authority) verifySignature(r *http.Request, body []byte, service string, a sigV4Auth, id *identity) *Failure {
	// Temporary credentials need their session token. A static key accepts
	// one (the service would refuse it), so that clients configured with a
	// token for a static key keep working.
	token := r.Header.Get("X-Amz-Security-Token")
	if id.temporary() && !hmac.Equal([]byte(token), []byte(id.token)) {
		return &Failure{UnknownKey, msgInvalidToken}
	}
	now := auth.cfg.Now().UTC()
	if id.temporary() && !now.Before(id.expires) {
		return &Failure{ExpiredToken, msgExpiredToken}
	}
	if token != "" && !slices.Contains(a.signedHeaders, "x-amz-security-token") {
		return &Failure{BadSignature, msgSignatureMismatch}
	}
	if a.service != service {
		return &Failure{BadSignature, fmt.Sprintf("Credential should be scoped to correct service: '%s'. ", service)}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	signed, err := time.Parse(amzDateFormat, amzDate)
	if err != nil {
		return &Failure{IncompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."}
	}
	if a.date != amzDate[:8] {
		return &Failure{BadSignature, fmt.Sprintf("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.", a.date, amzDate[:8], amzDate)}
	}
	if signed.Before(now.Add(-maxClockSkew)) {
		return &Failure{BadSignature, fmt.Sprintf("Signature expired: %s is now earlier than %s (%s - 15 min.)",
			amzDate, now.Add(-maxClockSkew).Format(amzDateFormat), now.Format(amzDateFormat))}
	}
	if signed.After(now.Add(maxClockSkew)) {
		return &Failure{BadSignature, fmt.Sprintf("Signature not yet current: %s is still later than %s (%s + 15 min.)",
			amzDate, now.Add(maxClockSkew).Format(amzDateFormat), now.Format(amzDateFormat))}
	}
	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
	if claimed := r.Header.Get("X-Amz-Content-Sha256"); claimed != "" && claimed != bodyHash {
		return &Failure{BadSignature, msgSignatureMismatch}
	}
	if want := signature(id.secret, a, r, bodyHash); !hmac.Equal([]byte(want), []byte(a.signature)) {
		return &Failure{BadSignature, msgSignatureMismatch}
	}
	return nil
}

// signature computes the SigV4 signature of a request, given the hash of
// the body it carries: canonical request, string to sign, and the HMAC
// chain of the signing key.
func signature(secret string, a sigV4Auth, r *http.Request, payloadHash string) string {
	amzDate := r.Header.Get("X-Amz-Date")
	canonical := strings.Join([]string{
		r.Method,
		canonicalURI(r.URL),
		canonicalQuery(r.URL.Query()),
		canonicalHeaders(r, a.signedHeaders),
		strings.Join(a.signedHeaders, ";"),
		payloadHash,
	}, "\n")
	crHash := sha256.Sum256([]byte(canonical))
	scope := a.date + "/" + a.region + "/" + a.service + "/aws4_request"
	toSign := sigV4Algorithm + "\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(crHash[:])

	key := hmacSHA256([]byte("AWS4"+secret), a.date)
	key = hmacSHA256(key, a.region)
	key = hmacSHA256(key, a.service)
	key = hmacSHA256(key, "aws4_request")
	return hex.EncodeToString(hmacSHA256(key, toSign))
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// canonicalURI is the URI-encoded path; services other than S3 encode the
// already escaped path a second time.
func canonicalURI(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		return "/"
	}
	return uriEncode(p, false)
}

func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vals := append([]string(nil), q[k]...)
		sort.Strings(vals)
		for _, v := range vals {
			parts = append(parts, uriEncode(k, true)+"="+uriEncode(v, true))
		}
	}
	return strings.Join(parts, "&")
}

func canonicalHeaders(r *http.Request, names []string) string {
	var b strings.Builder
	for _, n := range names {
		var v string
		switch n {
		case "host":
			v = r.Host
		case "content-length":
			v = strconv.FormatInt(r.ContentLength, 10)
		default:
			vals := slices.Clone(r.Header.Values(n))
			for i := range vals {
				vals[i] = strings.Join(strings.Fields(vals[i]), " ")
			}
			v = strings.Join(vals, ",")
		}
		b.WriteString(n)
		b.WriteByte(':')
		b.WriteString(v)
		b.WriteByte('\n')
	}
	return b.String()
}

// uriEncode escapes every byte except the unreserved characters; '/' is kept
// unless encodeSlash.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// validRegion accepts region names such as us-east-1 or us-gov-west-1.
func validRegion(r string) bool {
	if len(r) == 0 || len(r) > 32 {
		return false
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-':
		default:
			return false
		}
	}
	return true
}
