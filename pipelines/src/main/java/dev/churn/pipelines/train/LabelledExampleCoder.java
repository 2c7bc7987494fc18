package dev.churn.pipelines.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A compact, deterministic encoding of {@link LabelledExample}: id, feature count, features, label,
 * group count, groups.
 */
final class LabelledExampleCoder extends AtomicCoder<LabelledExample> {
  private static final LabelledExampleCoder INSTANCE = new LabelledExampleCoder();

  static LabelledExampleCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LabelledExample example, OutputStream outStream) throws IOException {
    StringUtf8Coder.of().encode(example.customerId, outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeInt(example.features.length);
    for (double feature : example.features) {
      out.writeDouble(feature);
    }
    out.writeDouble(example.label);
    out.writeInt(example.groups.length);
    out.flush();
    for (String group : example.groups) {
      StringUtf8Coder.of().encode(group, outStream);
    }
  }

  @Override
  public LabelledExample decode(InputStream inStream) throws IOException {
    String id = StringUtf8Coder.of().decode(inStream);
    DataInputStream in = new DataInputStream(inStream);
    double[] features = new double[in.readInt()];
    for (int i = 0; i < features.length; i++) {
      features[i] = in.readDouble();
    }
    double label = in.readDouble();
    String[] groups = new String[in.readInt()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = StringUtf8Coder.of().decode(inStream);
    }
    return new LabelledExample(id, features, label, groups);
  }

  @Override
  public void verifyDeterministic() {}
}
