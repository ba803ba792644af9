package dev.stowage.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.redisson.config.BaseConfig;

/**
 * The TLS material of a {@code rediss://} (or {@code valkeys://}) URI beyond the JVM's defaults: a key
 * store holding the client's certificate and private key, presented to a server that asks for one
 * ({@code tls-auth-clients yes}: mutual TLS), and a trust store holding the certificates (usually the
 * CA) that vouch for the server's. Either may be absent: without a key store the client presents no
 * certificate; without a trust store the server's certificate is checked against the JVM's trust store
 * ({@code javax.net.ssl.trustStore}, else the JDK's {@code cacerts}). The server's host name is always
 * checked against its certificate.
 *
 * <p>Files are PKCS#12 or JKS key stores (the type is detected, {@link KeyStore#getInstance(java.io.File,
 * char[])}); the key store's password also unlocks its private key. Immutable and thread-safe;
 * {@link #toString()} never shows a password.
 *
 * @param keyStore the client's key store, or {@code null} for no client certificate
 * @param keyStorePassword its password, or {@code null} for none
 * @param trustStore the trust store, or {@code null} for the JVM's
 * @param trustStorePassword its password, or {@code null} for none (certificates of a PKCS#12 trust
 *     store are then read without checking its integrity)
 */
public record RedisTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    /** No key store and no trust store: the JVM's defaults, no client certificate. */
    public static final RedisTls DEFAULT = new RedisTls(null, null, null, null);

    /**
     * Whether anything differs from the JVM's defaults.
     *
     * @return true when a key store or trust store is given
     */
    public boolean configured() {
        return keyStore != null || trustStore != null;
    }

    /**
     * Reads both stores once, to fail early with a message naming the file and the parameter.
     *
     * @throws IllegalArgumentException if a store cannot be read: missing, malformed, or the password
     *     is wrong (the message names the file and the parameter, never the password)
     */
    public void check() {
        if (keyStore != null) {
            keyManagers();
        }
        if (trustStore != null) {
            trustManagers();
        }
    }

    /**
     * Sets Redisson's key and trust manager factories from these stores; a store not given leaves
     * Redisson's (the JVM's) default.
     *
     * @param servers the Redisson server settings to change, not {@code null}
     * @throws IllegalArgumentException if a store cannot be read (see {@link #check()})
     */
    void apply(BaseConfig<?> servers) {
        Objects.requireNonNull(servers, "servers");
        if (keyStore != null) {
            servers.setSslKeyManagerFactory(keyManagers());
        }
        if (trustStore != null) {
            servers.setSslTrustManagerFactory(trustManagers());
        }
    }

    private KeyManagerFactory keyManagers() {
        KeyStore store = load(keyStore, keyStorePassword, "keyStore");
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, chars(keyStorePassword));
            return factory;
        } catch (GeneralSecurityException e) {
            throw unreadable("keyStore", keyStore, e);
        }
    }

    private TrustManagerFactory trustManagers() {
        KeyStore store = load(trustStore, trustStorePassword, "trustStore");
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw unreadable("trustStore", trustStore, e);
        }
    }

    private static KeyStore load(Path file, String password, String parameter) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(parameter + " '" + file + "' is not a readable file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(parameter, file, e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    private static IllegalArgumentException unreadable(String parameter, Path file, Exception e) {
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IllegalArgumentException(parameter + " '" + file + "' cannot be read: " + reason
                + " (a PKCS#12 or JKS file; check " + parameter + "Password)", e);
    }

    /**
     * Describes the stores without their passwords.
     *
     * @return e.g. {@code RedisTls[keyStore /etc/app/client.p12 (password ****), trustStore default]}
     */
    @Override
    public String toString() {
        return "RedisTls[keyStore " + describe(keyStore, keyStorePassword) + ", trustStore "
                + describe(trustStore, trustStorePassword) + "]";
    }

    private static String describe(Path file, String password) {
        return file == null ? "default" : file + (password == null ? "" : " (password ****)");
    }
}
