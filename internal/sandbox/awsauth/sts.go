package awsauth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// STS's query protocol (AWS Security Token Service, API version
// 2011-06-15), as aws-sdk-go-v2/service/sts sends it: a form-encoded POST
// with Action and Version, answered in XML.
const (
	stsVersion   = "2011-06-15"
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
)

type stsHandler func(auth *Authority, q url.Values, caller *identity, now time.Time) (any, *stsError)

// stsActions maps an STS action to its handler. signed reports whether the
// action needs a signed request (AssumeRoleWithWebIdentity does not).
var stsActions = map[string]struct {
	h      stsHandler
	signed bool
}{
	"GetCallerIdentity":         {(*Authority).stsGetCallerIdentity, true},
	"AssumeRole":                {(*Authority).stsAssumeRole, true},
	"AssumeRoleWithWebIdentity": {(*Authority).stsAssumeRoleWithWebIdentity, false},
}

// isSTSScope reports whether the request's SigV4 credential scope names the
// sts service.
func isSTSScope(r *http.Request) bool {
	a, ok := parseSigV4(r.Header.Get("Authorization"))
	return ok && a.service == "sts"
}

// ServeSTS serves the request as STS and returns true when it is one: a
// POST of a form (Content-Type application/x-www-form-urlencoded) that
// carries Action, or any request whose credential scope's service is sts.
// reqID is the request ID of the answer. Otherwise it leaves the request
// (and its body) unread for the caller's own protocol.
func (auth *Authority) ServeSTS(w http.ResponseWriter, r *http.Request, reqID string) bool {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	form := r.Method == http.MethodPost && mediaType == "application/x-www-form-urlencoded"
	scope := isSTSScope(r)
	if !form && !scope {
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, auth.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeSTSError(w, reqID, &stsError{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLarge",
				Message: fmt.Sprintf("Request body exceeds the limit of %d bytes.", auth.cfg.MaxBodyBytes)})
			return true
		}
		writeSTSError(w, reqID, stsErr("MalformedQueryString", "Unable to read the request body."))
		return true
	}
	q, qerr := url.ParseQuery(string(body))
	if !scope && (qerr != nil || !q.Has("Action")) {
		r.Body = io.NopCloser(bytes.NewReader(body))
		return false
	}
	resp, apiErr := auth.handleSTS(r, body, q, qerr)
	if apiErr != nil {
		writeSTSError(w, reqID, apiErr)
		return true
	}
	writeSTSResponse(w, reqID, q.Get("Action"), resp)
	return true
}

func (auth *Authority) handleSTS(r *http.Request, body []byte, q url.Values, qerr error) (any, *stsError) {
	action := q.Get("Action")
	auth.cfg.CountCall(action)
	if r.Method != http.MethodPost {
		return nil, stsErr("InvalidAction", "Only POST requests are supported.")
	}
	if qerr != nil {
		return nil, stsErr("MalformedQueryString", "The query string contains a syntax error.")
	}
	if action == "" {
		return nil, stsErr("MissingAction", "The request is missing an action or a required parameter.")
	}
	op, known := stsActions[action]
	if v := q.Get("Version"); !known || v != "" && v != stsVersion {
		return nil, stsErr("InvalidAction", "Could not find operation %s for version %s", action, q.Get("Version"))
	}
	var caller *identity
	if op.signed {
		id, _, failure := auth.authenticate(r, body, "sts")
		if failure != nil {
			return nil, stsAuthError(failure)
		}
		caller = id
		if caller == nil {
			caller = auth.unverifiedCaller(r)
		}
	}
	return op.h(auth, q, caller, auth.cfg.Now())
}

// unverifiedCaller is the caller of a request that is not verified (no key
// registered): an IAM user of the account of Config.AccountsByAccessKey or
// Config.Account.
func (auth *Authority) unverifiedCaller(r *http.Request) *identity {
	account := auth.unverifiedAccount(r)
	arn := "arn:aws:iam::" + account + ":user/sandbox"
	return &identity{account: account, arn: arn, userID: uniqueID("AIDA", arn)}
}

// stsError is an STS error: its code and message go to the ErrorResponse
// document, answered with the HTTP status.
type stsError struct {
	Status  int
	Code    string
	Message string
}

// stsErr is an STS error; the HTTP status follows the code as STS and its
// common errors document it.
func stsErr(code, format string, args ...any) *stsError {
	status := http.StatusBadRequest
	switch code {
	case "AccessDenied", "InvalidClientTokenId", "SignatureDoesNotMatch", "MissingAuthenticationToken", "IDPRejectedClaim":
		status = http.StatusForbidden
	case "MalformedQueryString":
		status = http.StatusNotFound
	case "InternalFailure":
		status = http.StatusInternalServerError
	}
	return &stsError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// stsAuthError names a refused signature as STS does.
func stsAuthError(f *Failure) *stsError {
	code := map[FailureKind]string{
		MissingToken:        "MissingAuthenticationToken",
		IncompleteSignature: "IncompleteSignature",
		UnknownKey:          "InvalidClientTokenId",
		BadSignature:        "SignatureDoesNotMatch",
		ExpiredToken:        "ExpiredToken",
	}[f.Kind]
	msg := f.Message
	if f.Kind == MissingToken {
		msg = "Request is missing Authentication Token"
	}
	return stsErr(code, "%s", msg)
}

type stsErrorDoc struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Error   struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
	RequestID string `xml:"RequestId"`
}

func writeSTSError(w http.ResponseWriter, reqID string, e *stsError) {
	doc := stsErrorDoc{Xmlns: stsNamespace, RequestID: reqID}
	doc.Error.Type = "Sender"
	if e.Status >= 500 {
		doc.Error.Type = "Receiver"
	}
	doc.Error.Code, doc.Error.Message = e.Code, e.Message
	writeXML(w, reqID, e.Status, doc)
}

// stsResponse is <{Action}Response><{Action}Result>…</{Action}Result>
// <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></…>.
type stsResponse struct {
	XMLName  xml.Name
	Xmlns    string `xml:"xmlns,attr"`
	Result   any
	Metadata struct {
		RequestID string `xml:"RequestId"`
	} `xml:"ResponseMetadata"`
}

// stsResult wraps a result in its element, named after the action.
type stsResult struct {
	XMLName xml.Name
	Body    any
}

func (r stsResult) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name = r.XMLName
	return e.EncodeElement(r.Body, start)
}

func writeSTSResponse(w http.ResponseWriter, reqID, action string, result any) {
	doc := stsResponse{XMLName: xml.Name{Local: action + "Response"}, Xmlns: stsNamespace,
		Result: stsResult{XMLName: xml.Name{Local: action + "Result"}, Body: result}}
	doc.Metadata.RequestID = reqID
	writeXML(w, reqID, http.StatusOK, doc)
}

func writeXML(w http.ResponseWriter, reqID string, status int, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`<ErrorResponse xmlns="` + stsNamespace + `"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>Unable to encode the response.</Message></Error><RequestId>` + reqID + `</RequestId></ErrorResponse>`)
	}
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("X-Amzn-Requestid", reqID)
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// Result shapes.

type stsCredentials struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	SessionToken    string `xml:"SessionToken"`
	Expiration      string `xml:"Expiration"`
}

type stsAssumedRoleUser struct {
	Arn           string `xml:"Arn"`
	AssumedRoleID string `xml:"AssumedRoleId"`
}

type getCallerIdentityResult struct {
	UserID  string `xml:"UserId"`
	Account string `xml:"Account"`
	Arn     string `xml:"Arn"`
}

type assumeRoleResult struct {
	Credentials      stsCredentials     `xml:"Credentials"`
	AssumedRoleUser  stsAssumedRoleUser `xml:"AssumedRoleUser"`
	PackedPolicySize *int               `xml:"PackedPolicySize,omitempty"`
	SourceIdentity   string             `xml:"SourceIdentity,omitempty"`
	SessionTokenSize int                `xml:"SessionTokenSize"`
}

type assumeRoleWithWebIdentityResult struct {
	Credentials                 stsCredentials     `xml:"Credentials"`
	SubjectFromWebIdentityToken string             `xml:"SubjectFromWebIdentityToken"`
	AssumedRoleUser             stsAssumedRoleUser `xml:"AssumedRoleUser"`
	PackedPolicySize            *int               `xml:"PackedPolicySize,omitempty"`
	Provider                    string             `xml:"Provider"`
	Audience                    string             `xml:"Audience"`
	SessionTokenSize            int                `xml:"SessionTokenSize"`
}

func (auth *Authority) stsGetCallerIdentity(_ url.Values, caller *identity, _ time.Time) (any, *stsError) {
	return getCallerIdentityResult{UserID: caller.userID, Account: caller.account, Arn: caller.arn}, nil
}

// sessionRequest holds the parameters common to AssumeRole and
// AssumeRoleWithWebIdentity, after validation.
type sessionRequest struct {
	roleARN, sessionName string
	duration             time.Duration
	packedPolicySize     *int
	minTokenSize         int // MinimumSessionTokenSize
}

func (auth *Authority) stsAssumeRole(q url.Values, caller *identity, now time.Time) (any, *stsError) {
	v := &validation{q: q}
	req := v.session()
	externalID := v.str("ExternalId", "externalId", 2, 1224, externalIDPattern, false)
	sourceIdentity := v.str("SourceIdentity", "sourceIdentity", 2, 64, sessionNamePattern, false)
	v.str("SerialNumber", "serialNumber", 9, 256, serialNumberPattern, false)
	v.str("TokenCode", "tokenCode", 6, 6, tokenCodePattern, false)
	tags, tagChars := v.tags()
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := req.checkPolicies(q, tagChars); err != nil {
		return nil, err
	}
	if err := checkTransitiveTagKeys(q, tags); err != nil {
		return nil, err
	}

	denied := stsErr("AccessDenied", "User: %s is not authorized to perform: sts:AssumeRole on resource: %s", caller.arn, req.roleARN)
	role := auth.lookupRole(req.roleARN)
	if role == nil || role.ExternalID != "" && externalID != role.ExternalID {
		return nil, denied
	}
	if caller.sourceIdentity != "" {
		if sourceIdentity != "" && sourceIdentity != caller.sourceIdentity {
			return nil, denied
		}
		sourceIdentity = caller.sourceIdentity
	}
	if err := req.checkDuration(role, caller.session); err != nil {
		return nil, err
	}
	key, id := auth.issueSession(role, req.sessionName, sourceIdentity, req.minTokenSize, now.Add(req.duration))
	return assumeRoleResult{Credentials: credentialsOf(key, id), AssumedRoleUser: assumedRoleUser(id),
		PackedPolicySize: req.packedPolicySize, SourceIdentity: sourceIdentity, SessionTokenSize: len(id.token)}, nil
}

func (auth *Authority) stsAssumeRoleWithWebIdentity(q url.Values, _ *identity, now time.Time) (any, *stsError) {
	v := &validation{q: q}
	req := v.session()
	token := v.str("WebIdentityToken", "webIdentityToken", 4, 20000, nil, true)
	v.str("ProviderId", "providerId", 4, 2048, nil, false)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := req.checkPolicies(q, 0); err != nil {
		return nil, err
	}
	claims, apiErr := parseWebIdentityToken(token)
	if apiErr != nil {
		return nil, apiErr
	}
	if !now.Before(claims.exp) {
		return nil, stsErr("ExpiredTokenException", "Token expired: current date/time %d must be before the expiration date/time %d",
			now.Unix(), claims.exp.Unix())
	}
	role := auth.lookupRole(req.roleARN)
	if role == nil || len(role.WebIdentityAudiences) == 0 {
		return nil, stsErr("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")
	}
	audience := ""
	for _, a := range claims.aud {
		if slices.Contains(role.WebIdentityAudiences, a) {
			audience = a
			break
		}
	}
	if audience == "" {
		return nil, stsErr("InvalidIdentityToken", "Incorrect token audience")
	}
	if err := req.checkDuration(role, false); err != nil {
		return nil, err
	}
	key, id := auth.issueSession(role, req.sessionName, "", req.minTokenSize, now.Add(req.duration))
	return assumeRoleWithWebIdentityResult{Credentials: credentialsOf(key, id), SubjectFromWebIdentityToken: claims.sub,
		AssumedRoleUser: assumedRoleUser(id), PackedPolicySize: req.packedPolicySize, Provider: claims.iss, Audience: audience,
		SessionTokenSize: len(id.token)}, nil
}

func credentialsOf(key string, id *identity) stsCredentials {
	return stsCredentials{AccessKeyID: key, SecretAccessKey: id.secret, SessionToken: id.token,
		Expiration: id.expires.UTC().Format(time.RFC3339)}
}

func assumedRoleUser(id *identity) stsAssumedRoleUser {
	return stsAssumedRoleUser{Arn: id.arn, AssumedRoleID: id.userID}
}

// checkDuration applies the role's maximum session duration and, for role
// chaining, the one hour limit.
func (req *sessionRequest) checkDuration(role *registeredRole, chained bool) *stsError {
	if req.duration > role.MaxSessionDuration {
		return stsErr("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	if chained && req.duration > time.Hour {
		return stsErr("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	}
	return nil
}

// maxPolicyPlaintext is the limit of the plaintext of the inline and managed
// session policies together.
const maxPolicyPlaintext = 2048

// checkPolicies checks that the inline session policy is JSON and that the
// session policies fit the plaintext limit; it sets the packed policy size,
// as a percentage of the limit, when policies or tags were passed.
func (req *sessionRequest) checkPolicies(q url.Values, tagChars int) *stsError {
	policy := q.Get("Policy")
	if q.Has("Policy") && !json.Valid([]byte(policy)) {
		return stsErr("MalformedPolicyDocument", "The policy is not in the valid JSON format.")
	}
	plain := len(policy)
	for _, arn := range listMembers(q, "PolicyArns", ".arn") {
		plain += len(arn)
	}
	if plain > maxPolicyPlaintext {
		return stsErr("PackedPolicyTooLarge", "The plaintext of the session policies (%d characters) exceeds the limit of %d characters.", plain, maxPolicyPlaintext)
	}
	if plain+tagChars > 0 {
		size := (plain + tagChars) * 100 / maxPolicyPlaintext
		req.packedPolicySize = &size
	}
	return nil
}

func checkTransitiveTagKeys(q url.Values, tags map[string]string) *stsError {
	for _, k := range listMembers(q, "TransitiveTagKeys", "") {
		if _, ok := tags[strings.ToLower(k)]; !ok {
			return stsErr("InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.")
		}
	}
	return nil
}

// Validation of query parameters, reported as STS reports the constraints
// of its model: "N validation error(s) detected: Value 'x' at 'member'
// failed to satisfy constraint: …".

var (
	sessionNamePattern  = regexp.MustCompile(`^[\w+=,.@-]*$`)
	externalIDPattern   = regexp.MustCompile(`^[\w+=,.@:/-]*$`)
	serialNumberPattern = regexp.MustCompile(`^[\w+=/:,.@-]*$`)
	tokenCodePattern    = regexp.MustCompile(`^[\d]*$`)
	tagKeyPattern       = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$`)
	tagValuePattern     = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
	arnTextPattern      = regexp.MustCompile("^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]+$")
	policyTextPattern   = regexp.MustCompile("^[\u0009\u000A\u000D\u0020-\u00FF]+$")
)

type validation struct {
	q      url.Values
	errs   []string
	dupTag bool // two tags whose keys differ only in case
}

func (v *validation) fail(value, member, constraint string) {
	v.errs = append(v.errs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must %s", value, member, constraint))
}

// str validates an optional or required string parameter.
func (v *validation) str(param, member string, minLen, maxLen int, pattern *regexp.Regexp, required bool) string {
	if !v.q.Has(param) {
		if required {
			v.errs = append(v.errs, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", member))
		}
		return ""
	}
	val := v.q.Get(param)
	v.check(val, member, minLen, maxLen, pattern)
	return val
}

// check validates the length in characters of a value and, unless pattern
// is nil, its pattern.
func (v *validation) check(val, member string, minLen, maxLen int, pattern *regexp.Regexp) {
	switch n := utf8.RuneCountInString(val); {
	case n < minLen:
		v.fail(val, member, fmt.Sprintf("have length greater than or equal to %d", minLen))
	case n > maxLen:
		v.fail(val, member, fmt.Sprintf("have length less than or equal to %d", maxLen))
	case pattern != nil && !pattern.MatchString(val):
		v.fail(val, member, "satisfy regular expression pattern: "+strings.Trim(pattern.String(), "^$"))
	}
}

// session validates RoleArn, RoleSessionName, DurationSeconds, Policy and
// PolicyArns.
func (v *validation) session() *sessionRequest {
	req := &sessionRequest{duration: time.Hour}
	req.roleARN = v.str("RoleArn", "roleArn", 20, 2048, arnTextPattern, true)
	req.sessionName = v.str("RoleSessionName", "roleSessionName", 2, 64, sessionNamePattern, true)
	if v.q.Has("DurationSeconds") {
		raw := v.q.Get("DurationSeconds")
		d, err := strconv.Atoi(raw)
		switch {
		case err != nil:
			v.fail(raw, "durationSeconds", "be an integer")
		case d < 900:
			v.fail(raw, "durationSeconds", "have value greater than or equal to 900")
		case d > 43200:
			v.fail(raw, "durationSeconds", "have value less than or equal to 43200")
		default:
			req.duration = time.Duration(d) * time.Second
		}
	}
	if v.q.Has("MinimumSessionTokenSize") {
		raw := v.q.Get("MinimumSessionTokenSize")
		n, err := strconv.Atoi(raw)
		switch {
		case err != nil:
			v.fail(raw, "minimumSessionTokenSize", "be an integer")
		case n < 0:
			v.fail(raw, "minimumSessionTokenSize", "have value greater than or equal to 0")
		case n > 4096:
			v.fail(raw, "minimumSessionTokenSize", "have value less than or equal to 4096")
		default:
			req.minTokenSize = n
		}
	}
	v.str("Policy", "policy", 1, maxPolicyPlaintext, policyTextPattern, false)
	arns := listMembers(v.q, "PolicyArns", ".arn")
	if len(arns) > 10 {
		v.fail(fmt.Sprint(arns), "policyArns", "have length less than or equal to 10")
	}
	for i, arn := range arns {
		v.check(arn, fmt.Sprintf("policyArns.%d.member.arn", i+1), 20, 2048, arnTextPattern)
	}
	return req
}

// tags validates Tags and TransitiveTagKeys and returns the tags by
// lower-cased key and the number of their characters.
func (v *validation) tags() (map[string]string, int) {
	keys := listMembers(v.q, "Tags", ".Key")
	values := listMembers(v.q, "Tags", ".Value")
	if len(keys) > 50 {
		v.fail(fmt.Sprint(keys), "tags", "have length less than or equal to 50")
	}
	tags := make(map[string]string, len(keys))
	chars := 0
	for i, k := range keys {
		val := ""
		if i < len(values) {
			val = values[i]
		}
		chars += len(k) + len(val)
		km, vm := fmt.Sprintf("tags.%d.member.key", i+1), fmt.Sprintf("tags.%d.member.value", i+1)
		v.check(k, km, 1, 128, tagKeyPattern)
		v.check(val, vm, 0, 256, tagValuePattern)
		if _, dup := tags[strings.ToLower(k)]; dup {
			v.dupTag = true
		}
		tags[strings.ToLower(k)] = val
	}
	transitive := listMembers(v.q, "TransitiveTagKeys", "")
	if len(transitive) > 50 {
		v.fail(fmt.Sprint(transitive), "transitiveTagKeys", "have length less than or equal to 50")
	}
	for i, k := range transitive {
		v.check(k, fmt.Sprintf("transitiveTagKeys.%d.member", i+1), 1, 128, tagKeyPattern)
	}
	return tags, chars
}

func (v *validation) err() *stsError {
	if len(v.errs) > 0 {
		noun := "error"
		if len(v.errs) > 1 {
			noun = "errors"
		}
		return stsErr("ValidationError", "%d validation %s detected: %s", len(v.errs), noun, strings.Join(v.errs, "; "))
	}
	if v.dupTag {
		return stsErr("InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
	}
	return nil
}

// listMembers returns the values of a query-protocol list,
// Name.member.1<suffix>, Name.member.2<suffix>, … up to the first gap.
func listMembers(q url.Values, name, suffix string) []string {
	var out []string
	for i := 1; ; i++ {
		k := name + ".member." + strconv.Itoa(i) + suffix
		if !q.Has(k) {
			return out
		}
		out = append(out, q.Get(k))
	}
}

// webIdentityClaims are the claims of a web identity token that the
// sandbox checks.
type webIdentityClaims struct {
	iss, sub string
	aud      []string
	exp      time.Time
}

// parseWebIdentityToken checks the shape of a JWT (three base64url parts, a
// JSON header and a JSON payload with iss, sub, aud and exp) and returns its
// claims. The signature is not verified.
func parseWebIdentityToken(token string) (*webIdentityClaims, *stsError) {
	invalid := func(why string) *stsError {
		return stsErr("InvalidIdentityToken", "The web identity token is not a valid JWT: %s.", why)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, invalid("it must have three dot-separated parts")
	}
	var decoded [3][]byte
	for i, p := range parts {
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(p, "="))
		if err != nil || len(b) == 0 {
			return nil, invalid("part " + strconv.Itoa(i+1) + " is not base64url")
		}
		decoded[i] = b
	}
	var header map[string]any
	if err := json.Unmarshal(decoded[0], &header); err != nil {
		return nil, invalid("the header is not a JSON object")
	}
	var payload map[string]json.RawMessage
	if err := json.Unmarshal(decoded[1], &payload); err != nil {
		return nil, invalid("the payload is not a JSON object")
	}
	c := &webIdentityClaims{}
	if err := json.Unmarshal(payload["iss"], &c.iss); err != nil || c.iss == "" {
		return nil, invalid("the iss claim is missing or not a string")
	}
	if err := json.Unmarshal(payload["sub"], &c.sub); err != nil || c.sub == "" {
		return nil, invalid("the sub claim is missing or not a string")
	}
	var one string
	if err := json.Unmarshal(payload["aud"], &one); err == nil {
		c.aud = []string{one}
	} else if err := json.Unmarshal(payload["aud"], &c.aud); err != nil || len(c.aud) == 0 {
		return nil, invalid("the aud claim is missing or not a string or an array of strings")
	}
	var exp json.Number
	if err := json.Unmarshal(payload["exp"], &exp); err != nil {
		return nil, invalid("the exp claim is missing or not a number")
	}
	secs, err := exp.Float64()
	if err != nil {
		return nil, invalid("the exp claim is not a number")
	}
	c.exp = time.Unix(int64(secs), 0)
	return c, nil
}
