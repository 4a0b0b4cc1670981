package provider

import (
	"regexp"
	"strings"
)

var (
	// arnPattern splits an ARN into partition, service, region, account
	// and resource.
	arnPattern = regexp.MustCompile(`^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$`)
	// accountIDPattern matches an AWS account ID.
	accountIDPattern = regexp.MustCompile(`^\d{12}$`)
)

// regionOfARN returns the region of an ARN, "" when s is not an ARN.
func regionOfARN(s string) string {
	if m := arnPattern.FindStringSubmatch(s); m != nil {
		return m[3]
	}
	return ""
}

// accountOfARN returns the account of an ARN, "" when s is not an ARN.
func accountOfARN(s string) string {
	if m := arnPattern.FindStringSubmatch(s); m != nil {
		return m[4]
	}
	return ""
}

// clusterNameOf returns the name of a cluster given by name or ARN.
func clusterNameOf(s string) string {
	if strings.HasPrefix(s, "arn:") {
		if i := strings.LastIndex(s, "/"); i >= 0 {
			return s[i+1:]
		}
	}
	return s
}

// lastSegment is the name or ID at the end of an ECS ARN
// (…:service/cluster/name, …:task/cluster/id).
func lastSegment(arn string) string {
	if i := strings.LastIndexByte(arn, '/'); i >= 0 {
		return arn[i+1:]
	}
	return arn
}
