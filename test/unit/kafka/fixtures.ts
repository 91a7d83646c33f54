// A throwaway self-signed P-256 certificate and its key, made for these tests only (CN=test-ca).
// The encrypted copy of the key uses the passphrase "s3cret".
export const CERT = `
-----BEGIN CERTIFICATE-----
MIIBejCCASGgAwIBAgIUHHqlBxz3VqZLa13uxG7K7HdxbTAwCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHdGVzdC1jYTAgFw0yNjExMjUwODQ0MzZaGA8yMTI2MTEwMTA4
NDQzNlowEjEQMA4GA1UEAwwHdGVzdC1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABJsxjxKIdDqZ6MC0vAJETyK/ivIhlPwFJ/Qd/abpIl2kuVWOUWkDmzJsl6BU
vFW8SeuVjauUdBK4GKKi/iC9oZyjUzBRMB0GA1UdDgQWBBRVjE3wXwYa2i3WuhDz
gl2FrIwd2zAfBgNVHSMEGDAWgBRVjE3wXwYa2i3WuhDzgl2FrIwd2zAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIAfIvqNSPkHEvBQNODK7+gfU/NWS
JZvPBBy7791ck8eXAiAyaiU4Uqf+goyNgOTCxNlRCJjHLc8YkhzMWs5AR3yNag==
-----END CERTIFICATE-----
`.trimStart();

export const KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyndb1CZ/eQfBq23M
A+IMQzh/rcFRL+5MQlMzIi6srbChRANCAASbMY8SiHQ6mejAtLwCRE8iv4ryIZT8
BSf0Hf2m6SJdpLlVjlFpA5sybJegVLxVvEnrlY2rlHQSuBiiov4gvaGc
-----END PRIVATE KEY-----
`.trimStart();

export const ENCRYPTED_KEY = `
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAi31E5KMiObsAICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEED7pqySYCfcdc4cYyrNG8MwEgZCv
7ADVXxknvDn5mH1GFQJCVurmKsNSaCq71RjNVwv5fq+Gc3XzPuoEFdlj9YkU8kie
Wsc554CxwNkzlXpPZAzsus/usMVbw/0dwk8VZLwxO1NlWFUzn2EBoLspPpGIvkSU
SuXUcce6lrbigZGm8EXPSWKqXhopaX5q04U6dRMlxGDpIC6efmyMYgankpZn2Bo=
-----END ENCRYPTED PRIVATE KEY-----
`.trimStart();

export const KEY_PASSPHRASE = 's3cret';

/** An in-memory file system for `resolveConnection`'s readFile; missing files fail like fs does. */
export function fakeFiles(files: Record<string, string>): ((path: string) => string) & { reads: string[] } {
  const reads: string[] = [];
  const read = (path: string): string => {
    reads.push(path);
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return text;
  };
  return Object.assign(read, { reads });
}

/** PEM joined onto one line, as a properties-file continuation leaves it. */
export const oneLine = (pem: string): string => pem.trim().split('\n').join(' ');
