package dev.stowage.redis.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link FeedSequence}: numbered messages are handed on in number order, once; a skipped number is
 * filled from the history; only what the history no longer holds is reported as a gap.
 */
class FeedSequenceTest {

    private final Map<Long, String> kept = new TreeMap<>();
    private final List<String> heard = new ArrayList<>();
    private final AtomicInteger gaps = new AtomicInteger();
    private boolean historyFails;
    private final FeedSequence sequence = new FeedSequence("test#events", (from, to) -> {
        if (historyFails) {
            throw new IllegalStateException("history unreachable");
        }
        List<FeedSequence.Numbered> range = new ArrayList<>();
        kept.forEach((number, text) -> {
            if (number >= from && number <= to) {
                range.add(new FeedSequence.Numbered(number, text.getBytes(UTF_8)));
            }
        });
        return range;
    }, gaps::incrementAndGet, data -> heard.add(new String(data, UTF_8)));

    private void receive(long number, String text) {
        kept.put(number, text);
        sequence.accept((number + ":" + text).getBytes(UTF_8));
    }

    /** Keeps a message in the history without delivering it: Pub/Sub lost it. */
    private void lose(long number, String text) {
        kept.put(number, text);
    }

    @Test
    void messagesInOrderAreHandedOnAsTheyCome() {
        receive(7, "a");
        receive(8, "b");
        receive(9, "c");
        assertThat(heard).containsExactly("a", "b", "c");
        assertThat(gaps).hasValue(0);
    }

    @Test
    void aSkippedNumberIsFilledFromTheHistoryBeforeTheMessageAfterIt() {
        receive(1, "a");
        lose(2, "b");
        lose(3, "c");
        receive(4, "d");
        assertThat(heard).containsExactly("a", "b", "c", "d");
        assertThat(gaps).hasValue(0);
    }

    @Test
    void whatTheHistoryNoLongerHoldsIsReportedOnceAndTheRestHandedOn() {
        receive(1, "a");
        lose(3, "c");
        receive(4, "d");
        assertThat(heard).containsExactly("a", "c", "d");
        assertThat(gaps).hasValue(1);
    }

    @Test
    void aLostLastMessageArrivesWithACatchUpAndAMessageAlreadyHandedOnIsSkipped() {
        receive(1, "a");
        lose(2, "b");
        sequence.catchUp(2);
        sequence.accept("2:b".getBytes(UTF_8));
        sequence.catchUp(2);
        assertThat(heard).containsExactly("a", "b");
        assertThat(gaps).hasValue(0);
    }

    @Test
    void numberOneStartsAgainUnnumberedMessagesPassAndAnUnreadableHistoryIsAGap() {
        receive(5, "a");
        receive(1, "b");
        sequence.accept("0:c".getBytes(UTF_8));
        historyFails = true;
        sequence.accept("3:d".getBytes(UTF_8));
        sequence.accept("not numbered".getBytes(UTF_8));
        assertThat(heard).containsExactly("a", "b", "c", "d");
        assertThat(gaps).hasValue(1);
    }
}
