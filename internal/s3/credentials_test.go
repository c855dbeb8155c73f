package s3

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes a file of the test's home folder.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// help is the CredentialsHelp of the tests.
const help = "a furusato built with -tags awssdk (go build -tags awssdk ./cmd/furusato) has the AWS SDK's whole credential chain"

// TestCredentials checks where credentials are looked for, in order,
// and that what this client cannot do is refused by New, with the help
// of Options.CredentialsHelp and never a secret.
func TestCredentials(t *testing.T) {
	const credentialsFile = `# keys
[default]
aws_access_key_id = DEFAULTID
aws_secret_access_key = DEFAULTSECRET

[work]
aws_access_key_id=WORKID
aws_secret_access_key=WORKSECRET
aws_session_token = WORKTOKEN

[role]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = default

[process]
credential_process = /usr/local/bin/get-keys

[half]
aws_access_key_id = HALFID
`
	const config = `[default]
region = ap-northeast-1

[profile static]
region = eu-west-1
aws_access_key_id = CONFIGID
aws_secret_access_key = CONFIGSECRET
s3 =
  addressing_style = path

[profile sso]
sso_session = kitami
sso_account_id = 123456789012
sso_role_name = Deploy

[profile broken]
aws_secret_access_key CONFIGSECRET
`
	secrets := []string{"DEFAULTSECRET", "WORKSECRET", "WORKTOKEN", "CONFIGSECRET"}
	setup := func(t *testing.T) string {
		testEnv(t)
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		home := os.Getenv("HOME")
		writeFile(t, filepath.Join(home, ".aws", "credentials"), credentialsFile)
		writeFile(t, filepath.Join(home, ".aws", "config"), config)
		return home
	}
	for _, tt := range []struct {
		name      string
		o         Options
		env       map[string]string
		id, token string // the keys found
		region    string
		err       []string // or the error
	}{
		{name: "environment first", o: Options{Bucket: "site", CredentialsHelp: help}, env: map[string]string{"AWS_ACCESS_KEY_ID": "ENVID", "AWS_SECRET_ACCESS_KEY": "ENVSECRET", "AWS_SESSION_TOKEN": "ENVTOKEN"}, id: "ENVID", token: "ENVTOKEN", region: "ap-northeast-1"},
		{name: "default profile", o: Options{Bucket: "site", CredentialsHelp: help}, id: "DEFAULTID", region: "ap-northeast-1"},
		{name: "Profile before AWS_PROFILE", o: Options{Bucket: "site", Profile: "work", Region: "us-west-2", CredentialsHelp: help}, env: map[string]string{"AWS_PROFILE": "static"}, id: "WORKID", token: "WORKTOKEN", region: "us-west-2"},
		{name: "AWS_PROFILE", o: Options{Bucket: "site", CredentialsHelp: help}, env: map[string]string{"AWS_PROFILE": "work", "AWS_REGION": "us-east-2"}, id: "WORKID", token: "WORKTOKEN", region: "us-east-2"},
		{name: "config file", o: Options{Bucket: "site", Profile: "static", CredentialsHelp: help}, env: map[string]string{"AWS_DEFAULT_REGION": "ap-south-1"}, id: "CONFIGID", region: "ap-south-1"},
		{name: "region of the config file", o: Options{Bucket: "site", Profile: "static", CredentialsHelp: help}, id: "CONFIGID", region: "eu-west-1"},
		{name: "AWS_REGION before AWS_DEFAULT_REGION", o: Options{Bucket: "site", CredentialsHelp: help}, env: map[string]string{"AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "ap-south-1"}, id: "DEFAULTID", region: "us-east-2"},
		{name: "files named by the environment", o: Options{Bucket: "site", Region: "jp", CredentialsHelp: help}, env: map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "{home}/other-credentials"}, id: "OTHERID", region: "jp"},
		{name: "anonymous", o: Options{Bucket: "site", Anonymous: true, Profile: "sso", Region: "ap-northeast-1", CredentialsHelp: help}, region: "ap-northeast-1"},

		{name: "assume-role profile", o: Options{Bucket: "site", Profile: "role", CredentialsHelp: help}, err: []string{`.aws/credentials: profile "role" gets its credentials through assume-role (role_arn)`, "-tags awssdk"}},
		{name: "credential_process", o: Options{Bucket: "site", Profile: "process", CredentialsHelp: help}, err: []string{"through an external credential process (credential_process)", "-tags awssdk"}},
		{name: "SSO", o: Options{Bucket: "site", Profile: "sso", Region: "jp", CredentialsHelp: help}, err: []string{`.aws/config: profile "sso" gets its credentials through SSO (sso_session)`, "go build -tags awssdk ./cmd/furusato"}},
		{name: "web identity", o: Options{Bucket: "site", Region: "jp", CredentialsHelp: help}, env: map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token"}, err: []string{"AWS_WEB_IDENTITY_TOKEN_FILE is set", "-tags awssdk", "web identity"}},
		{name: "no such profile", o: Options{Bucket: "site", Region: "jp", Profile: "nobody", CredentialsHelp: help}, err: []string{`AWS profile "nobody" is in neither`, "[profile nobody]"}},
		{name: "half a key pair", o: Options{Bucket: "site", Region: "jp", Profile: "half", CredentialsHelp: help}, err: []string{`profile "half" has only one of aws_access_key_id and aws_secret_access_key`}},
		{name: "half a key pair in the environment", o: Options{Bucket: "site", Region: "jp", CredentialsHelp: help}, env: map[string]string{"AWS_ACCESS_KEY_ID": "ENVID"}, err: []string{"AWS_SECRET_ACCESS_KEY is not"}},
		{name: "a line without =", o: Options{Bucket: "site", Region: "jp", Profile: "broken", CredentialsHelp: help}, err: []string{".aws/config:17: want name = value"}},
		{name: "nothing found", o: Options{Bucket: "site", Region: "jp", CredentialsHelp: help}, env: map[string]string{"HOME": "{home}/empty"}, err: []string{
			"no AWS credentials found: looked at AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (not set)",
			`profile "default" of {home}/empty/.aws/credentials (no such file) and {home}/empty/.aws/config (no such file)`,
			"anonymous=true", "instance or container role", "go build -tags awssdk ./cmd/furusato"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			home := setup(t)
			writeFile(t, filepath.Join(home, "other-credentials"), "[default]\naws_access_key_id = OTHERID\naws_secret_access_key = OTHERSECRET\n")
			for k, v := range tt.env {
				t.Setenv(k, strings.ReplaceAll(v, "{home}", home))
			}
			c, err := New(tt.o)
			if tt.err != nil {
				if err == nil {
					t.Fatalf("opened, want an error")
				}
				for _, want := range tt.err {
					if want = strings.ReplaceAll(want, "{home}", home); !strings.Contains(err.Error(), want) {
						t.Errorf("%v\nwant it to say %q", err, want)
					}
				}
				for _, s := range secrets {
					if strings.Contains(err.Error(), s) {
						t.Errorf("the error shows a secret: %v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.id == "" {
				if c.cred != nil {
					t.Errorf("anonymous, yet credentials from %s", c.cred.Source)
				}
			} else if c.cred == nil || c.cred.AccessKeyID != tt.id || c.cred.SessionToken != tt.token {
				t.Errorf("credentials %+v, want %s (token %q)", c.cred, tt.id, tt.token)
			}
			if c.region != tt.region {
				t.Errorf("region %q, want %q", c.region, tt.region)
			}
		})
	}
}

// TestCredentialsWithoutHelp checks that the errors about credentials
// end with the sentence that says what went wrong when there is no help
// to add.
func TestCredentialsWithoutHelp(t *testing.T) {
	testEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	home := os.Getenv("HOME")
	writeFile(t, filepath.Join(home, ".aws", "config"), "[profile sso]\nsso_session = kitami\n")
	for _, tt := range []struct {
		o    Options
		env  string
		want string
	}{
		{Options{Bucket: "site", Region: "jp", Profile: "sso"}, "", "which this furusato cannot do"},
		{Options{Bucket: "site", Region: "jp"}, "", "This furusato does not ask an instance or container role"},
		{Options{Bucket: "site", Region: "jp"}, "/var/run/token", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead"},
	} {
		t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tt.env)
		_, err := New(tt.o)
		if err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want it to end with %q", tt.o, err, tt.want)
		}
	}
}
