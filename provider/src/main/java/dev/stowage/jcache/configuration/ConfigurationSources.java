package dev.stowage.jcache.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the text of a configuration file named by a cache manager URI: {@code classpath:name}
 * (a resource of the manager's class loader; a leading {@code /} is ignored), {@code file:/path}
 * (also {@code file:relative/path}, from the working directory) or {@code jar:file:/x.jar!/name}.
 * Files are UTF-8. Stateless and thread-safe.
 */
final class ConfigurationSources {

    private ConfigurationSources() {
    }

    /**
     * Reads the file.
     *
     * @param uri a {@code classpath:}, {@code file:} or {@code jar:} URI, not {@code null}
     * @param loader the class loader for {@code classpath:} resources, not {@code null}
     * @return the file's text
     * @throws ConfigurationException if the file does not exist, cannot be read, or is not UTF-8;
     *     the message names the URI
     */
    static String read(URI uri, ClassLoader loader) {
        String source = uri.toString();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        try {
            byte[] bytes;
            if (scheme.equals("file")) {
                Path path = uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri);
                bytes = Files.readAllBytes(path);
            } else {
                URL url;
                if (scheme.equals("classpath")) {
                    String name = uri.getSchemeSpecificPart();
                    while (name.startsWith("/")) {
                        name = name.substring(1);
                    }
                    url = loader.getResource(name);
                    if (url == null) {
                        throw new ConfigurationException(source, 0, "", "there is no resource '" + name
                                + "' on the class path of " + loader, null);
                    }
                } else {
                    url = uri.toURL();
                }
                URLConnection connection = url.openConnection();
                connection.setUseCaches(false);
                try (InputStream in = connection.getInputStream()) {
                    bytes = in.readAllBytes();
                }
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(source, 0, "", "there is no such file (" + e.getFile() + ")", e);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(source, 0, "", "is not UTF-8 text", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(source, 0, "", "cannot be read: " + e, e);
        }
    }
}
