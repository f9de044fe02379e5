package dev.sim2pi.trainer.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.sim2pi.trainer.nn.MlpShape;
import dev.sim2pi.trainer.sac.SacBatch;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacEngine;
import dev.sim2pi.trainer.sac.SacLosses;
import dev.sim2pi.trainer.sac.SacState;
import java.io.PrintStream;

/**
 * SAC on DJL's PyTorch engine: the reference implementation of the same update as the
 * plain-Java engine (autograd instead of hand-written gradients) and the path to a GPU. The
 * device is chosen once, at creation; nothing else asks where it runs.
 */
public final class DjlSacEngine implements SacEngine {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_TWO = Math.log(2);

    private final NDManager manager;
    private final String name;
    private final int obsSize;
    private final int actSize;
    private final int criticParams;
    private final float tau;
    private final double logStdMin;
    private final double logStdMax;
    private final double targetEntropy;
    private final boolean autoAlpha;
    private final float actorLr;
    private final float criticLr;
    private final float alphaLr;
    private final float bcWeight;
    private final MlpShape actorShape;
    private final DjlMlp actor;
    private final DjlMlp[] critics;
    private final DjlMlp[] targets;
    private final DjlMlp actorM;
    private final DjlMlp actorV;
    private final DjlMlp[] criticM;
    private final DjlMlp[] criticV;
    private long actorSteps;
    private long criticSteps;
    private float logAlpha;
    private float alphaM;
    private float alphaV;
    private long alphaSteps;
    private long updates;

    private DjlSacEngine(SacConfig config, int obsSize, int actSize, Device device, String name) {
        this.manager = NDManager.newBaseManager(device);
        this.name = name;
        this.obsSize = obsSize;
        this.actSize = actSize;
        SacState shapes = SacState.forConfig(config, obsSize, actSize);
        this.actorShape = shapes.actorShape;
        MlpShape criticShape = shapes.criticShape;
        this.criticParams = criticShape.parameterCount();
        this.tau = (float) config.tau();
        this.logStdMin = config.logStdMin();
        this.logStdMax = config.logStdMax();
        this.targetEntropy = config.targetEntropyFor(actSize);
        this.autoAlpha = config.autoAlpha();
        this.actorLr = (float) config.actorLr();
        this.criticLr = (float) config.criticLr();
        this.alphaLr = (float) config.alphaLr();
        this.bcWeight = (float) config.demonstrationBcWeight();
        this.actor = new DjlMlp(actorShape, manager, true);
        this.actorM = new DjlMlp(actorShape, manager, false);
        this.actorV = new DjlMlp(actorShape, manager, false);
        boolean norm = config.criticLayerNorm();
        this.critics = new DjlMlp[] {new DjlMlp(criticShape, manager, true, norm),
                new DjlMlp(criticShape, manager, true, norm)};
        this.targets = new DjlMlp[] {new DjlMlp(criticShape, manager, false, norm),
                new DjlMlp(criticShape, manager, false, norm)};
        this.criticM = new DjlMlp[] {new DjlMlp(criticShape, manager, false), new DjlMlp(criticShape, manager, false)};
        this.criticV = new DjlMlp[] {new DjlMlp(criticShape, manager, false), new DjlMlp(criticShape, manager, false)};
        SacState initial = SacState.forConfig(config, obsSize, actSize);
        initial.initialize(0, config.initialAlpha());
        importState(initial);
    }

    /**
     * A DJL engine on the CPU, or on the GPU when {@code cuda} and a CUDA build of PyTorch is on
     * the class path; otherwise one line on {@code notices} and the CPU.
     */
    public static DjlSacEngine create(SacConfig config, int obsSize, int actSize, int maxActRows, boolean cuda,
                                      PrintStream notices) {
        Device device = Device.cpu();
        if (cuda) {
            if (gpuCount() > 0) {
                device = Device.gpu();
            } else {
                notices.println(NO_GPU);
            }
        }
        DjlRuntime.configure();
        return new DjlSacEngine(config, obsSize, actSize, device, device.isGpu() ? "djl-gpu" : "djl-cpu");
    }

    /** The one line printed when {@code --device cuda} cannot be honoured. */
    public static final String NO_GPU =
            "--device cuda: no CUDA build of PyTorch on the class path (build with -Pcuda) or no GPU; training on the CPU";

    /** GPUs DJL's PyTorch engine can use; 0 when none, or when the engine cannot load a CUDA build. */
    public static int gpuCount() {
        DjlRuntime.configure();
        try {
            return Engine.getEngine("PyTorch").getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void update(SacBatch batch, boolean updateActor, boolean updateTargets, SacLosses out) {
        int n = batch.size;
        float alpha = (float) Math.exp(logAlpha);
        try (NDScope scope = new NDScope()) {
            NDArray obs = rows(batch.observations, n, obsSize);
            NDArray next = rows(batch.nextObservations, n, obsSize);
            NDArray act = rows(batch.actions, n, actSize);
            NDArray reward = manager.create(java.util.Arrays.copyOf(batch.rewards, n), new Shape(n, 1));
            NDArray discount = manager.create(java.util.Arrays.copyOf(batch.discounts, n), new Shape(n, 1));
            NDArray[] nextSample = sample(actor.forward(next, true), rows(batch.nextNoise, n, actSize));
            NDArray nextIn = next.concat(nextSample[0], 1);
            NDArray softQ = targets[0].forward(nextIn, true).minimum(targets[1].forward(nextIn, true))
                    .sub(nextSample[1].mul(alpha));
            NDArray y = reward.add(discount.mul(softQ)).stopGradient();
            NDArray in = obs.concat(act, 1);
            NDArray dataQ;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.zeroGradients();
                NDArray q1 = critics[0].forward(in, false);
                NDArray q2 = critics[1].forward(in, false);
                NDArray loss = q1.sub(y).square().mean().add(q2.sub(y).square().mean());
                gc.backward(loss);
                out.criticLoss = loss.getFloat();
                out.meanQ = (q1.mean().getFloat() + q2.mean().getFloat()) / 2;
                dataQ = q1.minimum(q2).stopGradient();
            }
            criticSteps++;
            for (int k = 0; k < 2; k++) {
                adam(critics[k], criticM[k], criticV[k], criticSteps, criticLr);
            }
            float maskRows = 0;
            for (int b = 0; b < n; b++) {
                maskRows += batch.actorMask[b];
            }
            if (updateActor && maskRows > 0) {
                double meanLogp;
                // Each row's weight in the actor's mean: 0 for states kept from the actor, else 1/rows.
                NDArray weight = manager.create(java.util.Arrays.copyOf(batch.actorMask, n), new Shape(n, 1))
                        .div(maskRows);
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    gc.zeroGradients();
                    NDArray head = actor.forward(obs, false);
                    NDArray[] s = sample(head, rows(batch.noise, n, actSize));
                    NDArray qIn = obs.concat(s[0], 1);
                    NDArray q = critics[0].forward(qIn, true).minimum(critics[1].forward(qIn, true));
                    NDArray loss = s[1].mul(alpha).sub(q).mul(weight).sum();
                    if (bcWeight > 0) {
                        loss = loss.add(cloneDemonstrations(batch, n, head, act, dataQ, q));
                    }
                    gc.backward(loss);
                    out.actorLoss = loss.getFloat();
                    meanLogp = s[1].mul(weight).sum().getFloat();
                }
                actorSteps++;
                adam(actor, actorM, actorV, actorSteps, actorLr);
                out.entropy = -meanLogp;
                out.alphaLoss = -logAlpha * (meanLogp + targetEntropy);
                if (autoAlpha) {
                    stepAlpha((float) -(meanLogp + targetEntropy));
                }
            }
            if (updateTargets) {
                for (int k = 0; k < 2; k++) {
                    for (int l = 0; l < targets[k].w.length; l++) {
                        targets[k].w[l].muli(1 - tau).addi(critics[k].w[l].mul(tau));
                        targets[k].b[l].muli(1 - tau).addi(critics[k].b[l].mul(tau));
                    }
                }
            }
        }
        updates++;
        out.alpha = Math.exp(logAlpha);
    }

    /**
     * The Q-filtered behaviour-cloning loss, as in {@code JavaSacEngine}: on demonstrated rows
     * whose data action the critics valued above the policy's sample, the squared distance from
     * {@code tanh(mean)} to the data action, weighted by the batch's mean |Q|.
     */
    private NDArray cloneDemonstrations(SacBatch batch, int n, NDArray head, NDArray act, NDArray dataQ, NDArray q) {
        NDArray detachedQ = q.stopGradient();
        NDArray demonstrated = manager.create(java.util.Arrays.copyOf(batch.demonstrated, n), new Shape(n, 1));
        NDArray keep = demonstrated.mul(dataQ.gt(detachedQ).toType(DataType.FLOAT32, false));
        NDArray distance = head.get(":, 0:" + actSize).tanh().sub(act).square().sum(new int[] {1}, true);
        return distance.mul(keep).mean().mul(bcWeight * detachedQ.abs().mean().getFloat());
    }

    /** Reparameterized squashed-Gaussian sample: {@code [action, logProb (n x 1)]}, as in {@code SquashedGaussian}. */
    private NDArray[] sample(NDArray head, NDArray eps) {
        NDArray mean = head.get(":, 0:" + actSize);
        NDArray raw = head.get(":, " + actSize + ":");
        NDArray logStd = raw.tanh().add(1).mul(0.5 * (logStdMax - logStdMin)).add(logStdMin);
        NDArray u = mean.add(logStd.exp().mul(eps));
        NDArray action = u.tanh();
        NDArray gauss = eps.square().mul(-0.5).sub(logStd).sub(HALF_LOG_TWO_PI);
        NDArray m2u = u.mul(-2);
        NDArray softplus = m2u.maximum(0).add(m2u.abs().neg().exp().add(1).log());
        NDArray logOneMinusTanh2 = softplus.add(u).neg().add(LOG_TWO).mul(2);
        NDArray logp = gauss.sub(logOneMinusTanh2).sum(new int[] {1}, true);
        return new NDArray[] {action, logp};
    }

    private void adam(DjlMlp params, DjlMlp m, DjlMlp v, long step, float lr) {
        float stepSize = (float) (lr / (1 - Math.pow(0.9, step)));
        float root = (float) Math.sqrt(1 - Math.pow(0.999, step));
        NDArray[] p = params.parameters();
        NDArray[] mp = m.parameters();
        NDArray[] vp = v.parameters();
        for (int k = 0; k < p.length; k++) {
            NDArray g = p[k].getGradient();
            mp[k].muli(0.9f).addi(g.mul(0.1f));
            vp[k].muli(0.999f).addi(g.square().mul(0.001f));
            p[k].subi(mp[k].div(vp[k].sqrt().div(root).add(1e-8f)).mul(stepSize));
        }
    }

    private void stepAlpha(float grad) {
        alphaSteps++;
        alphaM = 0.9f * alphaM + 0.1f * grad;
        alphaV = 0.999f * alphaV + 0.001f * grad * grad;
        float stepSize = (float) (alphaLr / (1 - Math.pow(0.9, alphaSteps)));
        float root = (float) Math.sqrt(1 - Math.pow(0.999, alphaSteps));
        logAlpha -= stepSize * alphaM / ((float) Math.sqrt(alphaV) / root + 1e-8f);
    }

    private NDArray rows(float[][] data, int n, int width) {
        float[] flat = new float[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(data[r], 0, flat, r * width, width);
        }
        return manager.create(flat, new Shape(n, width));
    }

    @Override
    public void act(float[][] observations, int n, float[][] noise, float[][] actionsOut) {
        try (NDScope scope = new NDScope()) {
            NDArray head = actor.forward(rows(observations, n, obsSize), true);
            NDArray action = noise == null ? head.get(":, 0:" + actSize).tanh()
                    : sample(head, rows(noise, n, actSize))[0];
            float[] flat = action.toFloatArray();
            for (int r = 0; r < n; r++) {
                System.arraycopy(flat, r * actSize, actionsOut[r], 0, actSize);
            }
        }
    }

    @Override
    public void exportState(SacState into) {
        actor.write(into.actor, 0);
        actorM.write(into.actorM, 0);
        actorV.write(into.actorV, 0);
        into.actorSteps = actorSteps;
        for (int k = 0; k < 2; k++) {
            critics[k].write(into.critics, k * criticParams);
            targets[k].write(into.targets, k * criticParams);
            criticM[k].write(into.criticM, k * criticParams);
            criticV[k].write(into.criticV, k * criticParams);
        }
        into.criticSteps = criticSteps;
        into.logAlpha = logAlpha;
        into.alphaM = alphaM;
        into.alphaV = alphaV;
        into.alphaSteps = alphaSteps;
        into.updates = updates;
    }

    @Override
    public void importState(SacState from) {
        actor.read(from.actor, 0);
        actorM.read(from.actorM, 0);
        actorV.read(from.actorV, 0);
        actorSteps = from.actorSteps;
        for (int k = 0; k < 2; k++) {
            critics[k].read(from.critics, k * criticParams);
            targets[k].read(from.targets, k * criticParams);
            criticM[k].read(from.criticM, k * criticParams);
            criticV[k].read(from.criticV, k * criticParams);
        }
        criticSteps = from.criticSteps;
        logAlpha = from.logAlpha;
        alphaM = from.alphaM;
        alphaV = from.alphaV;
        alphaSteps = from.alphaSteps;
        updates = from.updates;
    }

    @Override
    public void actorParameters(float[] into) {
        actor.write(into, 0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
