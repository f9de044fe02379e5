package dev.sim2pi.trainer.sac;

import dev.sim2pi.trainer.nn.Adam;
import dev.sim2pi.trainer.nn.Mlp;
import dev.sim2pi.trainer.nn.MlpShape;
import dev.sim2pi.trainer.nn.MlpWeights;

/**
 * SAC on the CPU in plain Java: hand-written forward and backward passes of the small ReLU MLPs
 * over row arrays, both critics stepped by one fused Adam, no allocation per update. For networks
 * of a few hundred units this beats a general tensor engine, whose per-operation overhead
 * dominates at that size.
 */
public final class JavaSacEngine implements SacEngine {

    private final MlpShape actorShape;
    private final MlpShape criticShape;
    private final int obsSize;
    private final int actSize;
    private final int criticParams;
    private final float tau;
    private final double logStdMin;
    private final double logStdMax;
    private final double targetEntropy;
    private final boolean autoAlpha;
    private final float alphaLr;
    private final float bcWeight;

    private final MlpWeights actor;
    private final MlpWeights actorGrad;
    private final float[][][] actorT;
    private final MlpWeights[] critics;
    private final MlpWeights[] criticGrads;
    private final MlpWeights[] targets;
    private final float[][][][] criticT;
    private final MlpWeights[] actorArray;
    private final MlpWeights[] actorGradArray;
    private final Adam actorAdam;
    private final Adam criticAdam;
    private float logAlpha;
    private float alphaM;
    private float alphaV;
    private long alphaSteps;
    private long updates;

    private final Mlp actorNet;
    private final Mlp q1;
    private final Mlp q2;
    private final Mlp policyNet;
    private final int maxActRows;
    private final float[][] qIn;
    private final float[][] sampled;
    private final float[] logProbs;
    private final float[][] preTanh;
    private final float[][] logStds;
    private final float[] targetQ;
    private final float[] dataQ;
    private final float[][] d1;
    private final float[][] d2;
    private final float[][] dIn1;
    private final float[][] dIn2;
    private final float[][] dHead;
    private final float[] actLogProbs;

    /**
     * @param maxActRows most observations one {@link #act} call passes (environments or eval episodes)
     */
    public JavaSacEngine(SacConfig config, int observationSize, int actionSize, int maxActRows) {
        SacState shapes = SacState.forConfig(config, observationSize, actionSize);
        this.actorShape = shapes.actorShape;
        this.criticShape = shapes.criticShape;
        this.obsSize = observationSize;
        this.actSize = actionSize;
        this.criticParams = criticShape.parameterCount();
        this.tau = (float) config.tau();
        this.logStdMin = config.logStdMin();
        this.logStdMax = config.logStdMax();
        this.targetEntropy = config.targetEntropyFor(actionSize);
        this.autoAlpha = config.autoAlpha();
        this.alphaLr = (float) config.alphaLr();
        this.bcWeight = (float) config.demonstrationBcWeight();
        int batch = config.batchSize();
        this.actor = new MlpWeights(actorShape);
        this.actorGrad = new MlpWeights(actorShape);
        this.actorT = actor.newTransposed();
        this.actorArray = new MlpWeights[] {actor};
        this.actorGradArray = new MlpWeights[] {actorGrad};
        this.critics = new MlpWeights[] {new MlpWeights(criticShape), new MlpWeights(criticShape)};
        this.criticGrads = new MlpWeights[] {new MlpWeights(criticShape), new MlpWeights(criticShape)};
        this.targets = new MlpWeights[] {new MlpWeights(criticShape), new MlpWeights(criticShape)};
        this.criticT = new float[][][][] {critics[0].newTransposed(), critics[1].newTransposed()};
        this.actorAdam = new Adam(config.actorLr(), actorShape);
        this.criticAdam = new Adam(config.criticLr(), criticShape, criticShape);
        this.actorNet = new Mlp(actorShape, batch);
        this.q1 = new Mlp(criticShape, batch, config.criticLayerNorm());
        this.q2 = new Mlp(criticShape, batch, config.criticLayerNorm());
        this.maxActRows = maxActRows;
        this.policyNet = new Mlp(actorShape, maxActRows);
        int qWidth = observationSize + actionSize;
        this.qIn = new float[batch][qWidth];
        this.sampled = new float[batch][actionSize];
        this.logProbs = new float[batch];
        this.preTanh = new float[batch][actionSize];
        this.logStds = new float[batch][actionSize];
        this.targetQ = new float[batch];
        this.dataQ = new float[batch];
        this.d1 = new float[batch][1];
        this.d2 = new float[batch][1];
        this.dIn1 = new float[batch][qWidth];
        this.dIn2 = new float[batch][qWidth];
        this.dHead = new float[batch][2 * actionSize];
        this.actLogProbs = new float[maxActRows];
        SacState initial = SacState.forConfig(config, observationSize, actionSize);
        initial.initialize(0, config.initialAlpha());
        importState(initial);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void update(SacBatch batch, boolean updateActor, boolean updateTargets, SacLosses out) {
        int n = batch.size;
        float alpha = (float) Math.exp(logAlpha);
        criticStep(batch, n, alpha, out);
        if (updateActor) {
            actorStep(batch, n, alpha, out);
        }
        if (updateTargets) {
            targets[0].polyak(critics[0], tau);
            targets[1].polyak(critics[1], tau);
        }
        updates++;
        out.alpha = Math.exp(logAlpha);
    }

    private void criticStep(SacBatch batch, int n, float alpha, SacLosses out) {
        float[][] head = actorNet.forward(actor, batch.nextObservations, n);
        SquashedGaussian.sample(head, batch.nextNoise, n, actSize, logStdMin, logStdMax, sampled, logProbs,
                null, null);
        concat(batch.nextObservations, sampled, n);
        float[][] t1 = q1.forward(targets[0], qIn, n);
        float[][] t2 = q2.forward(targets[1], qIn, n);
        for (int b = 0; b < n; b++) {
            float soft = Math.min(t1[b][0], t2[b][0]) - alpha * logProbs[b];
            targetQ[b] = batch.rewards[b] + batch.discounts[b] * soft;
        }
        concat(batch.observations, batch.actions, n);
        float[][] c1 = q1.forward(critics[0], qIn, n);
        float[][] c2 = q2.forward(critics[1], qIn, n);
        double loss = 0;
        double meanQ = 0;
        float scale = 2f / n;
        for (int b = 0; b < n; b++) {
            float e1 = c1[b][0] - targetQ[b];
            float e2 = c2[b][0] - targetQ[b];
            loss += (double) e1 * e1 + (double) e2 * e2;
            meanQ += c1[b][0] + c2[b][0];
            dataQ[b] = Math.min(c1[b][0], c2[b][0]);
            d1[b][0] = scale * e1;
            d2[b][0] = scale * e2;
        }
        criticGrads[0].zero();
        criticGrads[1].zero();
        q1.backward(criticT[0], d1, criticGrads[0], null);
        q2.backward(criticT[1], d2, criticGrads[1], null);
        criticAdam.step(critics, criticGrads);
        critics[0].transposeInto(criticT[0]);
        critics[1].transposeInto(criticT[1]);
        out.criticLoss = loss / n;
        out.meanQ = meanQ / (2 * n);
    }

    private void actorStep(SacBatch batch, int n, float alpha, SacLosses out) {
        double rows = 0;
        for (int b = 0; b < n; b++) {
            rows += batch.actorMask[b];
        }
        if (rows == 0) {
            return; // no state the actor may learn from in this batch
        }
        float[][] head = actorNet.forward(actor, batch.observations, n);
        SquashedGaussian.sample(head, batch.noise, n, actSize, logStdMin, logStdMax, sampled, logProbs,
                preTanh, logStds);
        concat(batch.observations, sampled, n);
        float[][] a1 = q1.forward(critics[0], qIn, n);
        float[][] a2 = q2.forward(critics[1], qIn, n);
        // Each row's weight in the mean: 1/n when every row counts, 0 for rows kept from the actor.
        float inv = (float) (1 / rows);
        double actorLoss = 0;
        double logpSum = 0;
        double absQ = 0;
        for (int b = 0; b < n; b++) {
            float w = inv * batch.actorMask[b];
            boolean first = a1[b][0] <= a2[b][0];
            d1[b][0] = first ? -w : 0f;
            d2[b][0] = first ? 0f : -w;
            float q = first ? a1[b][0] : a2[b][0];
            actorLoss += w * (alpha * logProbs[b] - q);
            logpSum += w * logProbs[b];
            absQ += w * Math.abs(q);
        }
        q1.backward(criticT[0], d1, null, dIn1);
        q2.backward(criticT[1], d2, null, dIn2);
        double stdScale = 0.5 * (logStdMax - logStdMin);
        for (int b = 0; b < n; b++) {
            float w = inv * batch.actorMask[b];
            for (int j = 0; j < actSize; j++) {
                float a = sampled[b][j];
                float dQda = dIn1[b][obsSize + j] + dIn2[b][obsSize + j];
                float dU = alpha * 2 * a * w + dQda * (1 - a * a);
                dHead[b][j] = dU;
                double th = Math.tanh(head[b][actSize + j]);
                double std = Math.exp(logStds[b][j]);
                dHead[b][actSize + j] = (float) ((-alpha * w + dU * std * batch.noise[b][j]) * stdScale * (1 - th * th));
            }
        }
        double cloningLoss = bcWeight > 0 ? cloneDemonstrations(batch, n, head, a1, a2, (float) (bcWeight * absQ)) : 0;
        actorGrad.zero();
        actorNet.backward(actorT, dHead, actorGrad, null);
        actorAdam.step(actorArray, actorGradArray);
        actor.transposeInto(actorT);
        double meanLogp = logpSum;
        out.actorLoss = actorLoss + cloningLoss;
        out.entropy = -meanLogp;
        out.alphaLoss = -logAlpha * (meanLogp + targetEntropy);
        if (autoAlpha) {
            stepAlpha((float) -(meanLogp + targetEntropy));
        }
    }

    /**
     * Adds the Q-filtered behaviour-cloning term's gradient to {@link #dHead}'s mean columns and
     * returns its loss: over demonstrated rows whose data action the critics valued (before this
     * update's critic step) above the policy's sample, {@code weight / n} times the squared
     * distance from the policy's mean action {@code tanh(mean)} to the demonstrated action.
     */
    private double cloneDemonstrations(SacBatch batch, int n, float[][] head, float[][] a1, float[][] a2,
                                       float weight) {
        float scale = weight / n;
        double loss = 0;
        for (int b = 0; b < n; b++) {
            if (batch.demonstrated[b] == 0f || dataQ[b] <= Math.min(a1[b][0], a2[b][0])) {
                continue;
            }
            for (int j = 0; j < actSize; j++) {
                float mean = (float) Math.tanh(head[b][j]);
                float diff = mean - batch.actions[b][j];
                loss += scale * diff * diff;
                dHead[b][j] += 2 * scale * diff * (1 - mean * mean);
            }
        }
        return loss;
    }

    /** Adam on the scalar log temperature, same rule as {@link Adam}. */
    private void stepAlpha(float grad) {
        alphaSteps++;
        alphaM = 0.9f * alphaM + 0.1f * grad;
        alphaV = 0.999f * alphaV + 0.001f * grad * grad;
        float stepSize = (float) (alphaLr / (1 - Math.pow(0.9, alphaSteps)));
        float root = (float) Math.sqrt(1 - Math.pow(0.999, alphaSteps));
        logAlpha -= stepSize * alphaM / ((float) Math.sqrt(alphaV) / root + 1e-8f);
    }

    private void concat(float[][] obs, float[][] act, int n) {
        for (int b = 0; b < n; b++) {
            System.arraycopy(obs[b], 0, qIn[b], 0, obsSize);
            System.arraycopy(act[b], 0, qIn[b], obsSize, actSize);
        }
    }

    @Override
    public void act(float[][] observations, int n, float[][] noise, float[][] actionsOut) {
        if (n > maxActRows) {
            throw new IllegalArgumentException("act on " + n + " rows, engine sized for " + maxActRows);
        }
        float[][] head = policyNet.forward(actor, observations, n);
        if (noise == null) {
            SquashedGaussian.deterministic(head, n, actSize, actionsOut);
        } else {
            SquashedGaussian.sample(head, noise, n, actSize, logStdMin, logStdMax, actionsOut, actLogProbs,
                    null, null);
        }
    }

    @Override
    public void exportState(SacState into) {
        actor.write(into.actor, 0);
        actorAdam.firstMoment(0).write(into.actorM, 0);
        actorAdam.secondMoment(0).write(into.actorV, 0);
        into.actorSteps = actorAdam.steps();
        for (int k = 0; k < 2; k++) {
            critics[k].write(into.critics, k * criticParams);
            targets[k].write(into.targets, k * criticParams);
            criticAdam.firstMoment(k).write(into.criticM, k * criticParams);
            criticAdam.secondMoment(k).write(into.criticV, k * criticParams);
        }
        into.criticSteps = criticAdam.steps();
        into.logAlpha = logAlpha;
        into.alphaM = alphaM;
        into.alphaV = alphaV;
        into.alphaSteps = alphaSteps;
        into.updates = updates;
    }

    @Override
    public void importState(SacState from) {
        actor.read(from.actor, 0);
        actorAdam.firstMoment(0).read(from.actorM, 0);
        actorAdam.secondMoment(0).read(from.actorV, 0);
        actorAdam.setSteps(from.actorSteps);
        for (int k = 0; k < 2; k++) {
            critics[k].read(from.critics, k * criticParams);
            targets[k].read(from.targets, k * criticParams);
            criticAdam.firstMoment(k).read(from.criticM, k * criticParams);
            criticAdam.secondMoment(k).read(from.criticV, k * criticParams);
            critics[k].transposeInto(criticT[k]);
        }
        criticAdam.setSteps(from.criticSteps);
        logAlpha = from.logAlpha;
        alphaM = from.alphaM;
        alphaV = from.alphaV;
        alphaSteps = from.alphaSteps;
        updates = from.updates;
        actor.transposeInto(actorT);
    }

    @Override
    public void actorParameters(float[] into) {
        actor.write(into, 0);
    }
}
