package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history behaviour of backends that keep one (Litestar's {@code get_history}): the last
 * {@link #HISTORY} messages per channel, capped exactly, oldest first.
 */
public abstract class ChannelsHistoryContract {

    protected static final int HISTORY = 5;

    protected ChannelsBackend backend;
    protected String ns;

    /** Creates a new, unstarted backend keeping exactly {@code history} messages per channel. */
    protected abstract ChannelsBackend createBackend(int history);

    @BeforeEach
    void startBackend() {
        ns = "h-" + UUID.randomUUID() + "-";
        backend = createBackend(HISTORY);
        backend.start();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> messages) {
        return messages.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }

    private void publishNumbers(String channel, int count) {
        for (int i = 0; i < count; i++) {
            backend.publish(bytes(Integer.toString(i)), List.of(channel));
        }
    }

    @Test
    void historyIsOldestFirstAndLimited() {
        publishNumbers(ns + "a", 4);
        assertThat(texts(backend.history(ns + "a"))).containsExactly("0", "1", "2", "3");
        assertThat(texts(backend.history(ns + "a", 2))).containsExactly("2", "3");
        assertThat(backend.history(ns + "a", 0)).isEmpty();
    }

    @Test
    void historyIsCappedAtItsLength() {
        publishNumbers(ns + "a", HISTORY + 7);
        assertThat(texts(backend.history(ns + "a"))).containsExactly("7", "8", "9", "10", "11");
        assertThat(backend.history(ns + "a", 100)).hasSize(HISTORY);
    }

    @Test
    void historyOfAChannelNeverPublishedToIsEmpty() {
        assertThat(backend.history(ns + "never")).isEmpty();
    }

    @Test
    void historyIsKeptPerChannelWithoutSubscription() {
        backend.publish(bytes("both"), List.of(ns + "a", ns + "A"));
        backend.publish(bytes("only a"), List.of(ns + "a"));
        assertThat(texts(backend.history(ns + "a"))).containsExactly("both", "only a");
        assertThat(texts(backend.history(ns + "A"))).containsExactly("both");
    }

    @Test
    void pastMessagesComeOnlyFromHistory() throws Exception {
        EventProbe events = EventProbe.unbounded();
        backend.events().subscribe(events);
        backend.publish(bytes("past"), List.of(ns + "a"));
        backend.subscribe(List.of(ns + "a"));
        backend.publish(bytes("new"), List.of(ns + "a"));
        assertThat(events.next().text()).isEqualTo("new");
        events.expectNothingFor(ChannelsBackendContract.QUIET);
        assertThat(texts(backend.history(ns + "a"))).containsExactly("past", "new");
    }

    @Test
    void negativeLimitIsRejected() {
        assertThatThrownBy(() -> backend.history(ns + "a", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> backend.history(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
