package dev.stowage.jcache.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.integration.LoaderWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.processor.MutableEntry;
import org.junit.jupiter.api.Test;

/** JSR-107 section 7.4: what a processor did to its entry, reduced to the one operation the cache applies. */
class ProcessorEntryTest {

    private final List<String> loads = new ArrayList<>();
    private volatile boolean loaderFails;

    private final CacheLoader<String, String> loader = new CacheLoader<>() {
        @Override
        public String load(String key) {
            loads.add(key);
            if (loaderFails) {
                throw new IllegalStateException("loader down");
            }
            return key.startsWith("none") ? null : "loaded-" + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            throw new AssertionError("an entry loads one key");
        }
    };

    private final LoaderWriter<String, String> plain = new LoaderWriter<>(null, null, false, false);
    private final LoaderWriter<String, String> readThrough = new LoaderWriter<>(loader, null, true, false);

    @Test
    void onAPresentEntryReadingIsAnAccessSettingAnUpdateRemovingARemove() {
        ProcessorEntry<String, String> read = new ProcessorEntry<>("k", "v", plain);
        assertThat(read.getValue()).isEqualTo("v");
        assertThat(read.exists()).isTrue();
        assertThat(read.operation()).isEqualTo(ProcessorEntry.Operation.ACCESS);

        ProcessorEntry<String, String> update = new ProcessorEntry<>("k", "v", plain);
        update.getValue();
        update.setValue("w");
        assertThat(update.operation()).isEqualTo(ProcessorEntry.Operation.UPDATE);
        assertThat(update.value()).isEqualTo("w");
        assertThat(update.original()).isEqualTo("v");

        ProcessorEntry<String, String> remove = new ProcessorEntry<>("k", "v", plain);
        remove.setValue("w");
        remove.remove();
        assertThat(remove.operation()).isEqualTo(ProcessorEntry.Operation.REMOVE);
        assertThat(remove.exists()).isFalse();
        assertThat(remove.value()).isNull();
    }

    @Test
    void onAMissingEntrySettingIsACreateAndCreatingThenRemovingIsNothing() {
        ProcessorEntry<String, String> untouched = new ProcessorEntry<>("k", null, plain);
        assertThat(untouched.getValue()).isNull();
        assertThat(untouched.exists()).isFalse();
        assertThat(untouched.operation()).isEqualTo(ProcessorEntry.Operation.NONE);

        ProcessorEntry<String, String> create = new ProcessorEntry<>("k", null, plain);
        create.setValue("v");
        assertThat(create.operation()).isEqualTo(ProcessorEntry.Operation.CREATE);
        create.setValue("w");
        assertThat(create.operation()).isEqualTo(ProcessorEntry.Operation.CREATE);
        assertThat(create.value()).isEqualTo("w");
        create.remove();
        assertThat(create.operation()).isEqualTo(ProcessorEntry.Operation.NONE);

        ProcessorEntry<String, String> removeMissing = new ProcessorEntry<>("k", null, plain);
        removeMissing.remove();
        assertThat(removeMissing.operation()).as("passed on to a write-through cache's writer")
                .isEqualTo(ProcessorEntry.Operation.REMOVE);
    }

    @Test
    void readingAMissingEntryOfAReadThroughCacheLoadsItOnce() {
        ProcessorEntry<String, String> load = new ProcessorEntry<>("k", null, readThrough);
        assertThat(load.getValue()).isEqualTo("loaded-k");
        assertThat(load.getValue()).isEqualTo("loaded-k");
        assertThat(loads).containsExactly("k");
        assertThat(load.operation()).isEqualTo(ProcessorEntry.Operation.LOAD);
        assertThat(load.exists()).isTrue();
        load.setValue("mine");
        assertThat(load.operation()).as("a loaded entry that is then set is still a creation")
                .isEqualTo(ProcessorEntry.Operation.CREATE);

        ProcessorEntry<String, String> loadThenRemove = new ProcessorEntry<>("k2", null, readThrough);
        loadThenRemove.getValue();
        loadThenRemove.remove();
        assertThat(loadThenRemove.operation()).isEqualTo(ProcessorEntry.Operation.NONE);

        ProcessorEntry<String, String> nothingToLoad = new ProcessorEntry<>("none", null, readThrough);
        assertThat(nothingToLoad.getValue()).isNull();
        assertThat(nothingToLoad.operation()).isEqualTo(ProcessorEntry.Operation.NONE);

        ProcessorEntry<String, String> present = new ProcessorEntry<>("k3", "v", readThrough);
        present.getValue();
        assertThat(loads).as("a present entry is never loaded").doesNotContain("k3");
    }

    @Test
    void aFailingLoaderSurfacesAsACacheLoaderException() {
        loaderFails = true;
        ProcessorEntry<String, String> entry = new ProcessorEntry<>("k", null, readThrough);
        assertThatThrownBy(entry::getValue).isInstanceOf(CacheLoaderException.class).hasRootCauseMessage("loader down");
    }

    @Test
    void aNullValueIsRefusedAndUnwrapGivesTheEntry() {
        ProcessorEntry<String, String> entry = new ProcessorEntry<>("k", "v", plain);
        assertThatThrownBy(() -> entry.setValue(null)).isInstanceOf(NullPointerException.class);
        assertThat(entry.operation()).isEqualTo(ProcessorEntry.Operation.NONE);
        assertThat(entry.getKey()).isEqualTo("k");
        assertThat(entry.unwrap(MutableEntry.class)).isSameAs(entry);
        assertThatThrownBy(() -> entry.unwrap(String.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
