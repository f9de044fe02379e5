package dev.sim2pi.trainer.sac;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link SacConfig}s: the task's shipped default ({@code config/<task>.json} on the class
 * path), with the fields of an optional user file laid over it. Unknown or ill-typed fields are
 * refused naming the file and the field.
 */
public final class SacConfigs {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private SacConfigs() {
    }

    /** Whether a default configuration ships for {@code taskId}. */
    public static boolean hasDefault(String taskId) {
        return SacConfigs.class.getResource(resource(taskId)) != null;
    }

    /** The shipped default configuration of {@code taskId}. */
    public static SacConfig defaults(String taskId) {
        return load(taskId, null);
    }

    /** The default of {@code taskId} overridden by the fields of {@code userFile} (may be null). */
    public static SacConfig load(String taskId, Path userFile) {
        ObjectNode tree = defaultTree(taskId);
        String source = resource(taskId);
        if (userFile != null) {
            JsonNode user;
            try {
                user = JSON.readTree(Files.readString(userFile));
            } catch (IOException e) {
                throw new InputException("config " + userFile + ": cannot read JSON (" + e.getMessage() + ")");
            }
            if (!(user instanceof ObjectNode userObject)) {
                throw new InputException("config " + userFile + ": expected a JSON object of SAC settings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = userObject.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!tree.has(e.getKey())) {
                    throw new InputException("config " + userFile + ": unknown field '" + e.getKey()
                            + "'; expected one of " + fieldNames(tree));
                }
                tree.set(e.getKey(), e.getValue());
            }
            source = userFile.toString();
            if (!taskId.equals(tree.path("task").asText())) {
                throw new InputException("config " + userFile + ": field 'task' is '" + tree.path("task").asText()
                        + "' but the run is for task '" + taskId + "'");
            }
        }
        SacConfig config;
        try {
            config = JSON.treeToValue(tree, SacConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException("config " + source + ": " + e.getOriginalMessage());
        }
        validate(config, source);
        return config;
    }

    /**
     * {@code base} with some fields replaced ({@code snake_case} names as in the JSON files), validated
     * like a loaded file; {@code source} names the overrides in refusals.
     */
    public static SacConfig with(SacConfig base, Map<String, Object> overrides, String source) {
        ObjectNode tree = JSON.valueToTree(base);
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            if (!tree.has(e.getKey())) {
                throw new InputException("config " + source + ": unknown field '" + e.getKey() + "'; expected one of "
                        + fieldNames(tree));
            }
            tree.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        SacConfig config;
        try {
            config = JSON.treeToValue(tree, SacConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException("config " + source + ": " + e.getOriginalMessage());
        }
        validate(config, source);
        return config;
    }

    private static ObjectNode defaultTree(String taskId) {
        try (InputStream in = SacConfigs.class.getResourceAsStream(resource(taskId))) {
            if (in == null) {
                throw new InputException("no default training config for task '" + taskId
                        + "': pass --config FILE with every field (see the shipped pendulum-v1.json)");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("shipped config for " + taskId + " is unreadable", e);
        }
    }

    private static List<String> fieldNames(ObjectNode tree) {
        List<String> names = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String resource(String taskId) {
        return "/dev/sim2pi/trainer/config/" + taskId + ".json";
    }

    private static void validate(SacConfig c, String source) {
        require(c.numEnvs() >= 1, source, "num_envs", "an integer >= 1");
        require(c.maxEnvSteps() >= 1, source, "max_env_steps", "an integer >= 1");
        require(c.batchSize() >= 1, source, "batch_size", "an integer >= 1");
        require(c.bufferSize() >= c.batchSize(), source, "buffer_size", "at least batch_size");
        require(c.learningStarts() >= c.batchSize(), source, "learning_starts", "at least batch_size");
        require(c.updatesPerStep() > 0, source, "updates_per_step", "a number > 0");
        require(c.actorInterval() >= 1, source, "actor_interval", "an integer >= 1");
        require(c.targetInterval() >= 1, source, "target_interval", "an integer >= 1");
        require(c.gamma() > 0 && c.gamma() <= 1, source, "gamma", "a number in (0, 1]");
        require(c.tau() > 0 && c.tau() <= 1, source, "tau", "a number in (0, 1]");
        require(c.nStep() >= 1, source, "n_step", "an integer >= 1");
        require(c.actorLr() > 0 && c.criticLr() > 0 && c.alphaLr() > 0, source, "*_lr", "learning rates > 0");
        require(c.initialAlpha() > 0, source, "initial_alpha", "a number > 0");
        require(c.logStdMin() < c.logStdMax(), source, "log_std_min", "less than log_std_max");
        require(c.evalInterval() >= 1, source, "eval_interval", "an integer >= 1");
        require(c.evalEpisodes() >= 1, source, "eval_episodes", "an integer >= 1");
        require(c.checkpointInterval() >= 0, source, "checkpoint_interval", "an integer >= 0");
        require(List.of("auto", "java", "djl").contains(c.engine()), source, "engine", "one of auto, java, djl");
        require(c.randomActionHold() >= 1, source, "random_action_hold", "an integer >= 1");
        require(c.demonstrationSteps() >= 0, source, "demonstration_steps", "an integer >= 0");
        require(c.demonstrationNoise() >= 0, source, "demonstration_noise", "a number >= 0");
        require(c.demonstrationBcWeight() >= 0, source, "demonstration_bc_weight", "a number >= 0");
        require(c.demonstrationSteps() == 0 || (c.demonstrationFraction() > 0 && c.demonstrationFraction() <= 1),
                source, "demonstration_fraction", "a number in (0, 1] when demonstration_steps > 0");
        require(c.actorHidden() != null && c.actorHidden().length >= 1, source, "actor_hidden", "a non-empty list of widths");
        require(c.criticHidden() != null && c.criticHidden().length >= 1, source, "critic_hidden", "a non-empty list of widths");
        for (int w : c.actorHidden()) {
            require(w >= 1, source, "actor_hidden", "widths >= 1");
        }
        for (int w : c.criticHidden()) {
            require(w >= 1, source, "critic_hidden", "widths >= 1");
        }
    }

    private static void require(boolean ok, String source, String field, String expected) {
        if (!ok) {
            throw new InputException("config " + source + ": field '" + field + "' must be " + expected);
        }
    }
}
