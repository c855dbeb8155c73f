package s3

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// awsFiles are the shared credentials and config files and the profile
// whose keys and region are read from them.
type awsFiles struct {
	credentials, config string // paths
	profile             string
	explicit            bool // the profile was named (profile= or AWS_PROFILE)
}

// findAWSFiles finds the files as the AWS tools do: the environment
// variables AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, or ~/.aws;
// the profile is profile=, then AWS_PROFILE, then "default".
func findAWSFiles(profile string) awsFiles {
	f := awsFiles{credentials: os.Getenv("AWS_SHARED_CREDENTIALS_FILE"), config: os.Getenv("AWS_CONFIG_FILE"), profile: profile}
	home, _ := os.UserHomeDir()
	if f.credentials == "" {
		f.credentials = filepath.Join(home, ".aws", "credentials")
	}
	if f.config == "" {
		f.config = filepath.Join(home, ".aws", "config")
	}
	if f.profile != "" {
		f.explicit = true
	} else if p := os.Getenv("AWS_PROFILE"); p != "" {
		f.profile, f.explicit = p, true
	} else {
		f.profile = "default"
	}
	return f
}

// unsupportedKeys are the settings of a profile that name a source of
// credentials other than static keys: the AWS SDK follows them, this
// client does not.
var unsupportedKeys = []struct{ key, what string }{
	{"sso_session", "SSO"},
	{"sso_start_url", "SSO"},
	{"sso_account_id", "SSO"},
	{"role_arn", "assume-role"},
	{"source_profile", "assume-role"},
	{"credential_source", "assume-role"},
	{"credential_process", "an external credential process"},
	{"web_identity_token_file", "web identity"},
}

// credentialsFor returns the keys requests are signed with, looked for
// in order: the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN), the profile's section of the shared credentials
// file, then its section of the config file. What this client cannot do
// (a profile with SSO, a role or a credential process, web identity, no
// credentials at all, where the AWS SDK would ask the instance or
// container) is an error that says where it looked, and ends with help
// (Options.CredentialsHelp) when there is some. Errors never hold a key.
func credentialsFor(f awsFiles, help string) (credentials, error) {
	id, secret := os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY")
	switch {
	case id != "" && secret != "":
		return credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: os.Getenv("AWS_SESSION_TOKEN"), Source: "the environment (AWS_ACCESS_KEY_ID)"}, nil
	case id != "":
		return credentials{}, errors.New("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither to use ~/.aws")
	case secret != "":
		return credentials{}, errors.New("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both, or neither to use ~/.aws")
	}
	if os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "" {
		return credentials{}, errors.New("AWS_WEB_IDENTITY_TOKEN_FILE is set, but this furusato cannot sign in with web identity; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead" + also(", or use the AWS SDK: ", help))
	}
	creds, credsErr := readINI(f.credentials, f.profile)
	conf, confErr := readINI(f.config, configSection(f.profile))
	for _, e := range []error{credsErr, confErr} {
		if e != nil && !errors.Is(e, os.ErrNotExist) {
			return credentials{}, e
		}
	}
	for _, sec := range []struct {
		keys map[string]string
		file string
	}{{creds, f.credentials}, {conf, f.config}} {
		for _, u := range unsupportedKeys {
			if _, ok := sec.keys[u.key]; ok {
				return credentials{}, fmt.Errorf("%s: profile %q gets its credentials through %s (%s), which this furusato cannot do%s", sec.file, f.profile, u.what, u.key, also("; ", help))
			}
		}
	}
	for _, sec := range []struct {
		keys map[string]string
		file string
	}{{creds, f.credentials}, {conf, f.config}} {
		id, secret := sec.keys["aws_access_key_id"], sec.keys["aws_secret_access_key"]
		switch {
		case id != "" && secret != "":
			return credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: sec.keys["aws_session_token"], Source: fmt.Sprintf("profile %q of %s", f.profile, sec.file)}, nil
		case id != "" || secret != "":
			return credentials{}, fmt.Errorf("%s: profile %q has only one of aws_access_key_id and aws_secret_access_key: it needs both", sec.file, f.profile)
		}
	}
	if f.explicit && creds == nil && conf == nil {
		return credentials{}, fmt.Errorf("AWS profile %q is in neither %s nor %s (as [%s] and [%s])", f.profile, f.credentials, f.config, f.profile, configSection(f.profile))
	}
	return credentials{}, fmt.Errorf("no AWS credentials found: looked at AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (not set), and for aws_access_key_id in profile %q of %s (%s) and %s (%s). Set those variables, or put the keys in one of those files; for a public bucket add anonymous=true to the target. This furusato does not ask an instance or container role%s",
		f.profile, f.credentials, found(creds, credsErr), f.config, found(conf, confErr), also("; ", help))
}

// also is help after sep, or nothing without help.
func also(sep, help string) string {
	if help == "" {
		return ""
	}
	return sep + help
}

// regionFor returns the region: region=, then AWS_REGION, then
// AWS_DEFAULT_REGION, then the profile's region in the config file.
func regionFor(param string, f awsFiles) (string, error) {
	for _, r := range []string{param, os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION")} {
		if r != "" {
			return r, nil
		}
	}
	conf, err := readINI(f.config, configSection(f.profile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	return conf["region"], nil
}

// configSection is a profile's section name in the config file.
func configSection(profile string) string {
	if profile == "default" {
		return "default"
	}
	return "profile " + profile
}

func found(keys map[string]string, err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case keys == nil:
		return "no such profile"
	default:
		return "no keys there"
	}
}

// readINI returns the settings of one section of an AWS credentials or
// config file, nil when the section is not there. Keys are in lower
// case; lines starting with # or ; are comments, and the indented lines
// of a nested setting (s3 =, then "  addressing_style = path") are left
// out. The config file's default profile may also be written
// [profile default].
func readINI(path, section string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		keys   map[string]string
		inside bool
		line   int
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line++
		raw := sc.Text()
		text := strings.TrimSpace(raw)
		switch {
		case text == "" || text[0] == '#' || text[0] == ';':
			continue
		case text[0] == '[':
			end := strings.IndexByte(text, ']')
			if end < 0 {
				return nil, fmt.Errorf("%s:%d: a section name without its closing ]", path, line)
			}
			name := strings.Join(strings.Fields(text[1:end]), " ")
			inside = name == section || section == "default" && name == "profile default"
			if inside && keys == nil {
				keys = map[string]string{}
			}
			continue
		}
		if !inside || raw[0] == ' ' || raw[0] == '\t' {
			continue
		}
		k, v, ok := strings.Cut(text, "=")
		if !ok {
			// Say where, never what: the line may hold a key.
			return nil, fmt.Errorf("%s:%d: want name = value", path, line)
		}
		keys[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return keys, nil
}
