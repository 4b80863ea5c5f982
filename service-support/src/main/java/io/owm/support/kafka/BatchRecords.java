package io.owm.support.kafka;

import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * How a batch listener treats a record its deserializer could not decode: the records before it are applied, then
 * the record is handed to the error handler by its index, which sends it to the dead-letter topic and goes on with
 * the next. Filtering such records out would drop them without a trace. A record whose value is null without a
 * decoding error is a tombstone, not poison, and is passed on.
 */
public final class BatchRecords {

    private BatchRecords() {
    }

    public static <V> void applyUpToPoison(List<ConsumerRecord<String, V>> records,
            Consumer<List<ConsumerRecord<String, V>>> apply) {
        int poison = firstUndecodable(records);
        apply.accept(poison < 0 ? records : records.subList(0, poison));
        if (poison >= 0) {
            throw new BatchListenerFailedException("Undecodable record",
                    new PoisonRecordException("the value could not be decoded"), poison);
        }
    }

    static int firstUndecodable(List<? extends ConsumerRecord<String, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
                return i;
            }
        }
        return -1;
    }
}
