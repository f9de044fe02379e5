package dev.sim2pi.trainer.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAC settings of a fine-tuning run: the task's shipped training config, then the
 * fine-tuning defaults below, then the fields of the user's {@code --config} file, then the
 * command's own options (update-to-data ratio, actor widths of the parent).
 *
 * <p>Defaults, and why: layer-normalized critics (RLPD); one environment and learning after one
 * batch of simulated data (the actor is trained already: no uniform-random phase, no
 * demonstrations); frequent small evaluations so a run of seconds still chooses among several
 * actors; a temperature of {@value #INITIAL_ALPHA} to start (a bundle carries none; a checkpoint's
 * own is used instead); no periodic checkpoints (one at the end). The critics learn at
 * {@value #CRITIC_LR} (RLPD's rate: fresh critics must catch up with a trained actor) and the actor
 * at {@value #ACTOR_LR}, slower than from scratch: a measured run at the training rate (1e-4) fell
 * from 884 to 20 on the selection robots within 2000 updates of the actor being released.
 */
public final class FinetuneConfig {

    static final double INITIAL_ALPHA = 0.02;
    static final long EVAL_INTERVAL = 2_000;
    static final int EVAL_EPISODES = 10;
    static final double CRITIC_LR = 3e-4;
    static final double ACTOR_LR = 3e-5;

    private FinetuneConfig() {
    }

    /**
     * @param actorHidden the parent's hidden widths
     */
    public static SacConfig derive(String taskId, Path userFile, double updatesPerStep, List<Integer> actorHidden) {
        SacConfig base = SacConfigs.defaults(taskId);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("critic_layer_norm", true);
        o.put("num_envs", 1);
        o.put("max_env_steps", Long.MAX_VALUE / 4);
        o.put("learning_starts", base.batchSize());
        o.put("demonstration_steps", 0);
        o.put("demonstration_bc_weight", 0.0);
        o.put("eval_interval", EVAL_INTERVAL);
        o.put("eval_episodes", EVAL_EPISODES);
        o.put("checkpoint_interval", 0);
        o.put("initial_alpha", INITIAL_ALPHA);
        o.put("critic_lr", CRITIC_LR);
        o.put("actor_lr", ACTOR_LR);
        SacConfig tuned = SacConfigs.with(base, o, "fine-tuning defaults");
        if (userFile != null) {
            tuned = SacConfigs.with(tuned, userFields(userFile, taskId), userFile.toString());
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("updates_per_step", updatesPerStep);
        command.put("actor_hidden", actorHidden);
        return SacConfigs.with(tuned, command, "--utd and the parent bundle's network");
    }

    private static Map<String, Object> userFields(Path file, String taskId) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputException("config " + file + ": cannot read JSON (" + e.getMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new InputException("config " + file + ": expected a JSON object of SAC settings");
        }
        if (tree.has("task") && !tree.get("task").asText().equals(taskId)) {
            throw new InputException("config " + file + ": field 'task' is '" + tree.get("task").asText()
                    + "' but the bundle is for task '" + taskId + "'");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), e.getValue());
        }
        return fields;
    }
}
