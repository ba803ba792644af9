package dev.stowage.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for TLS tests, made with {@code openssl} (and {@code keytool} for the Java trust store)
 * in a directory the caller owns: a test CA, a server certificate it signs for 127.0.0.1 and
 * localhost, a client certificate it signs, and, for the failure cases, a server certificate for
 * another host name (signed by the CA) and one signed by a second CA that nobody trusts. Keys are
 * RSA 2048, valid two days.
 *
 * <p>Files made, in {@link #dir()}: {@code ca.crt}, {@code server.crt}/{@code server.key},
 * {@code wrong-host.crt}/{@code wrong-host.key}, {@code untrusted.crt}/{@code untrusted.key},
 * {@code client.crt}/{@code client.key}, and the Java stores {@code client.p12} (the client's key and
 * certificate) and {@code trust.p12} (the CA), both with the password {@link #PASSWORD}.
 * Immutable and thread-safe once made.
 *
 * @param dir the directory holding the files
 */
public record TestCertificates(Path dir) {

    /** The password of {@code client.p12} and {@code trust.p12}. */
    public static final String PASSWORD = "changeit";

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Makes every file in {@code dir}.
     *
     * @param dir an existing, writable directory; never null
     * @return the certificates
     * @throws IllegalStateException when {@code openssl} or {@code keytool} is missing or fails (the
     *     message holds its output)
     */
    public static TestCertificates create(Path dir) {
        String openssl = RedisBinaries.onPath("openssl").map(Path::toString).orElseThrow(() ->
                new IllegalStateException("openssl is not on the PATH; install it (Debian: apt-get install openssl)"));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        TestCertificates files = new TestCertificates(dir);
        files.run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Stowage Test CA", "-keyout", files.file("ca.key"), "-out", files.file("ca.crt"));
        files.run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Stowage Untrusted CA", "-keyout", files.file("other-ca.key"), "-out", files.file("other-ca.crt"));
        files.sign(openssl, "server", "ca", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        files.sign(openssl, "wrong-host", "ca", "/CN=other.example", "subjectAltName=DNS:other.example");
        files.sign(openssl, "untrusted", "other-ca", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        files.sign(openssl, "client", "ca", "/CN=stowage-client", "extendedKeyUsage=clientAuth");
        files.run(openssl, "pkcs12", "-export", "-in", files.file("client.crt"), "-inkey", files.file("client.key"),
                "-name", "client", "-out", files.file("client.p12"), "-passout", "pass:" + PASSWORD);
        files.run(keytool, "-importcert", "-noprompt", "-alias", "stowage-test-ca", "-file", files.file("ca.crt"),
                "-keystore", files.file("trust.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return files;
    }

    private void sign(String openssl, String name, String ca, String subject, String extension) {
        run(openssl, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-addext", extension,
                "-keyout", file(name + ".key"), "-out", file(name + ".csr"));
        run(openssl, "x509", "-req", "-days", "2", "-in", file(name + ".csr"), "-CA", file(ca + ".crt"),
                "-CAkey", file(ca + ".key"), "-CAcreateserial", "-copy_extensions", "copy", "-out", file(name + ".crt"));
    }

    private void run(String... command) {
        CommandLine.Result result = CommandLine.run(STEP_TIMEOUT, new ArrayList<>(List.of(command)));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /**
     * One of the files made.
     *
     * @param name e.g. {@code server.crt} or {@code client.p12}; never null
     * @return its path in {@link #dir()}
     */
    public Path path(String name) {
        return dir.resolve(name);
    }

    /**
     * The {@code redis-server} TLS arguments for one of the server certificates.
     *
     * @param server {@code server}, {@code wrong-host} or {@code untrusted}
     * @param authClients whether the server requires a client certificate signed by the CA
     *     ({@code --tls-auth-clients yes}) or asks for none ({@code no})
     * @return the arguments for {@link RedisProcess#startTls(List)}
     */
    public List<String> redisArgs(String server, boolean authClients) {
        return List.of("--tls-cert-file", file(server + ".crt"), "--tls-key-file", file(server + ".key"),
                "--tls-ca-cert-file", file("ca.crt"), "--tls-auth-clients", authClients ? "yes" : "no");
    }
}
