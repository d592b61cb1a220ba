/**
 * Well-known decoder-only architectures, for configs that name a Hugging Face model instead of spelling out
 * its dimensions (axolotl, LLaMA-Factory, torchtune components, accelerate). One entry per architecture;
 * `ids` are the Hugging Face repository ids (and framework component names) that resolve to it, matched
 * case-insensitively on the last path segment too. `source` is where the dims come from (the vendor's
 * config.json, or the reference tables that reproduce it).
 */
export interface ModelArchitecture {
  id: string;
  ids: string[];
  layers: number;
  hidden: number;
  ffn: number;
  heads: number;
  kvHeads: number;
  headDim?: number;
  vocab: number;
  tiedEmbeddings: boolean;
  gatedMlp: boolean;
  qkvBias?: boolean;
  qkNorm?: boolean;
  norm?: 'rmsnorm' | 'layernorm' | 'layernorm-nobias';
  moe?: { experts: number; topK: number; expertFfn: number; sharedExperts?: number; denseLayers?: number };
  mla?: { qLoraRank: number; kvLoraRank: number; qkNopeHeadDim: number; qkRopeHeadDim: number; vHeadDim: number };
  /** Published parameter count, for the table test (not used by estimates). */
  publishedParams?: string;
  source: string;
}

const LLAMA3_SRC = 'https://www.engineermaxxing.com/parminces/books/scaling-book/ch06-training-llama.html';

export const MODEL_ARCHITECTURES: ModelArchitecture[] = [
  {
    id: 'smollm3-3b',
    ids: ['HuggingFaceTB/SmolLM3-3B', 'HuggingFaceTB/SmolLM3-3B-Base'],
    layers: 36, hidden: 2048, ffn: 11008, heads: 16, kvHeads: 4, vocab: 128256, tiedEmbeddings: true, gatedMlp: true,
    publishedParams: '3.08B',
    source: 'https://apxml.com/models/smollm3-3b',
  },
  {
    id: 'llama-3.2-1b',
    ids: ['meta-llama/Llama-3.2-1B', 'meta-llama/Llama-3.2-1B-Instruct', 'torchtune.models.llama3_2.llama3_2_1b'],
    layers: 16, hidden: 2048, ffn: 8192, heads: 32, kvHeads: 8, headDim: 64, vocab: 128256, tiedEmbeddings: true, gatedMlp: true,
    publishedParams: '1.24B',
    source: 'https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/config.json',
  },
  {
    id: 'llama-3.2-3b',
    ids: ['meta-llama/Llama-3.2-3B', 'meta-llama/Llama-3.2-3B-Instruct', 'torchtune.models.llama3_2.llama3_2_3b'],
    layers: 28, hidden: 3072, ffn: 8192, heads: 24, kvHeads: 8, headDim: 128, vocab: 128256, tiedEmbeddings: true, gatedMlp: true,
    publishedParams: '3.21B',
    source: 'https://huggingface.co/meta-llama/Llama-3.2-3B/blob/main/config.json',
  },
  {
    id: 'llama-3-8b',
    ids: [
      'meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-8B-Instruct', 'meta-llama/Llama-3.1-8B', 'meta-llama/Llama-3.1-8B-Instruct',
      'meta-llama/Meta-Llama-3.1-8B', 'meta-llama/Meta-Llama-3.1-8B-Instruct', 'NousResearch/Meta-Llama-3-8B', 'NousResearch/Meta-Llama-3.1-8B',
      'torchtune.models.llama3.llama3_8b', 'torchtune.models.llama3_1.llama3_1_8b', 'llama3_8b', 'llama31_8b',
    ],
    layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 128256, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '8.03B',
    source: LLAMA3_SRC,
  },
  {
    id: 'llama-3-70b',
    ids: [
      'meta-llama/Meta-Llama-3-70B', 'meta-llama/Meta-Llama-3-70B-Instruct', 'meta-llama/Llama-3.1-70B', 'meta-llama/Llama-3.1-70B-Instruct',
      'meta-llama/Meta-Llama-3.1-70B', 'meta-llama/Meta-Llama-3.1-70B-Instruct', 'meta-llama/Llama-3.3-70B-Instruct', 'casperhansen/llama-3-70b-fp16',
      'torchtune.models.llama3.llama3_70b', 'torchtune.models.llama3_1.llama3_1_70b', 'torchtune.models.llama3_3.llama3_3_70b', 'llama3_70b', 'llama31_70b',
    ],
    layers: 80, hidden: 8192, ffn: 28672, heads: 64, kvHeads: 8, vocab: 128256, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '70.6B',
    source: LLAMA3_SRC,
  },
  {
    id: 'llama-3.1-405b',
    ids: ['meta-llama/Llama-3.1-405B', 'meta-llama/Meta-Llama-3.1-405B', 'meta-llama/Llama-3.1-405B-Instruct', 'torchtune.models.llama3_1.llama3_1_405b', 'llama31_405b'],
    layers: 126, hidden: 16384, ffn: 53248, heads: 128, kvHeads: 8, vocab: 128256, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '405.9B',
    source: LLAMA3_SRC,
  },
  {
    id: 'llama-2-7b',
    ids: ['meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2-7b-chat-hf', 'torchtune.models.llama2.llama2_7b', 'llama2_7b'],
    layers: 32, hidden: 4096, ffn: 11008, heads: 32, kvHeads: 32, vocab: 32000, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '6.74B',
    source: 'https://arxiv.org/abs/2307.09288',
  },
  {
    id: 'llama-2-13b',
    ids: ['meta-llama/Llama-2-13b-hf', 'meta-llama/Llama-2-13b-chat-hf', 'torchtune.models.llama2.llama2_13b', 'llama2_13b'],
    layers: 40, hidden: 5120, ffn: 13824, heads: 40, kvHeads: 40, vocab: 32000, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '13.0B',
    source: 'https://arxiv.org/abs/2307.09288',
  },
  {
    id: 'llama-2-70b',
    ids: ['meta-llama/Llama-2-70b-hf', 'meta-llama/Llama-2-70b-chat-hf', 'torchtune.models.llama2.llama2_70b', 'llama2_70b'],
    layers: 80, hidden: 8192, ffn: 28672, heads: 64, kvHeads: 8, vocab: 32000, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '69.0B',
    source: 'https://arxiv.org/abs/2307.09288',
  },
  {
    id: 'mistral-7b',
    ids: ['mistralai/Mistral-7B-v0.1', 'mistralai/Mistral-7B-Instruct-v0.1', 'mistralai/Mistral-7B-Instruct-v0.2', 'torchtune.models.mistral.mistral_7b'],
    layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 32000, tiedEmbeddings: false, gatedMlp: true,
    publishedParams: '7.24B',
    source: 'https://huggingface.co/mistralai/Mistral-7B-v0.1/blob/main/config.json',
  },
  {
    id: 'mixtral-8x7b',
    ids: ['mistralai/Mixtral-8x7B-v0.1', 'mistralai/Mixtral-8x7B-Instruct-v0.1', 'mixtral_8x7b'],
    layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 32000, tiedEmbeddings: false, gatedMlp: true,
    moe: { experts: 8, topK: 2, expertFfn: 14336 },
    publishedParams: '46.7B total / 12.9B active',
    source: 'https://mistral.ai/news/mixtral-of-experts',
  },
  {
    id: 'mixtral-8x22b',
    ids: ['mistralai/Mixtral-8x22B-v0.1', 'mistralai/Mixtral-8x22B-Instruct-v0.1', 'mixtral_8x22b'],
    layers: 56, hidden: 6144, ffn: 16384, heads: 48, kvHeads: 8, vocab: 32768, tiedEmbeddings: false, gatedMlp: true,
    moe: { experts: 8, topK: 2, expertFfn: 16384 },
    publishedParams: '141B total / 39B active',
    source: 'https://huggingface.co/mistralai/Mixtral-8x22B-v0.1/blob/main/config.json',
  },
  {
    id: 'qwen2.5-0.5b',
    ids: ['Qwen/Qwen2.5-0.5B', 'Qwen/Qwen2.5-0.5B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_0_5b'],
    layers: 24, hidden: 896, ffn: 4864, heads: 14, kvHeads: 2, vocab: 151936, tiedEmbeddings: true, gatedMlp: true, qkvBias: true,
    publishedParams: '0.49B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-0.5B/blob/main/config.json',
  },
  {
    id: 'qwen2.5-1.5b',
    ids: ['Qwen/Qwen2.5-1.5B', 'Qwen/Qwen2.5-1.5B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_1_5b_base', 'torchtune.models.qwen2_5.qwen2_5_1_5b_instruct'],
    layers: 28, hidden: 1536, ffn: 8960, heads: 12, kvHeads: 2, vocab: 151936, tiedEmbeddings: true, gatedMlp: true, qkvBias: true,
    publishedParams: '1.54B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-1.5B/blob/main/config.json',
  },
  {
    id: 'qwen2.5-3b',
    ids: ['Qwen/Qwen2.5-3B', 'Qwen/Qwen2.5-3B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_3b'],
    layers: 36, hidden: 2048, ffn: 11008, heads: 16, kvHeads: 2, vocab: 151936, tiedEmbeddings: true, gatedMlp: true, qkvBias: true,
    publishedParams: '3.09B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-3B/blob/main/config.json',
  },
  {
    id: 'qwen2.5-7b',
    ids: ['Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-7B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_7b_base', 'torchtune.models.qwen2_5.qwen2_5_7b_instruct'],
    layers: 28, hidden: 3584, ffn: 18944, heads: 28, kvHeads: 4, vocab: 152064, tiedEmbeddings: false, gatedMlp: true, qkvBias: true,
    publishedParams: '7.61B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/config.json',
  },
  {
    id: 'qwen2.5-14b',
    ids: ['Qwen/Qwen2.5-14B', 'Qwen/Qwen2.5-14B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_14b_base', 'torchtune.models.qwen2_5.qwen2_5_14b_instruct'],
    layers: 48, hidden: 5120, ffn: 13824, heads: 40, kvHeads: 8, vocab: 152064, tiedEmbeddings: false, gatedMlp: true, qkvBias: true,
    publishedParams: '14.7B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-14B/blob/main/config.json',
  },
  {
    id: 'qwen2.5-32b',
    ids: ['Qwen/Qwen2.5-32B', 'Qwen/Qwen2.5-32B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_32b_base', 'torchtune.models.qwen2_5.qwen2_5_32b_instruct'],
    layers: 64, hidden: 5120, ffn: 27648, heads: 40, kvHeads: 8, vocab: 152064, tiedEmbeddings: false, gatedMlp: true, qkvBias: true,
    publishedParams: '32.5B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-32B/blob/main/config.json',
  },
  {
    id: 'qwen2.5-72b',
    ids: ['Qwen/Qwen2.5-72B', 'Qwen/Qwen2.5-72B-Instruct', 'torchtune.models.qwen2_5.qwen2_5_72b_base', 'torchtune.models.qwen2_5.qwen2_5_72b_instruct'],
    layers: 80, hidden: 8192, ffn: 29568, heads: 64, kvHeads: 8, vocab: 152064, tiedEmbeddings: false, gatedMlp: true, qkvBias: true,
    publishedParams: '72.7B',
    source: 'https://huggingface.co/Qwen/Qwen2.5-72B/blob/main/config.json',
  },
  {
    id: 'qwen3-0.6b',
    ids: ['Qwen/Qwen3-0.6B', 'Qwen/Qwen3-0.6B-Base', 'torchtune.models.qwen3.qwen3_0_6b_base', 'torchtune.models.qwen3.qwen3_0_6b_instruct'],
    layers: 28, hidden: 1024, ffn: 3072, heads: 16, kvHeads: 8, headDim: 128, vocab: 151936, tiedEmbeddings: true, gatedMlp: true, qkNorm: true,
    publishedParams: '0.6B',
    source: 'https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/config.json',
  },
  {
    id: 'qwen3-1.7b',
    ids: ['Qwen/Qwen3-1.7B', 'Qwen/Qwen3-1.7B-Base', 'torchtune.models.qwen3.qwen3_1_7b_base', 'torchtune.models.qwen3.qwen3_1_7b_instruct'],
    layers: 28, hidden: 2048, ffn: 6144, heads: 16, kvHeads: 8, headDim: 128, vocab: 151936, tiedEmbeddings: true, gatedMlp: true, qkNorm: true,
    publishedParams: '1.7B',
    source: 'https://huggingface.co/Qwen/Qwen3-1.7B/blob/main/config.json',
  },
  {
    id: 'qwen3-4b',
    ids: ['Qwen/Qwen3-4B', 'Qwen/Qwen3-4B-Base', 'torchtune.models.qwen3.qwen3_4b_base', 'torchtune.models.qwen3.qwen3_4b_instruct'],
    layers: 36, hidden: 2560, ffn: 9728, heads: 32, kvHeads: 8, headDim: 128, vocab: 151936, tiedEmbeddings: true, gatedMlp: true, qkNorm: true,
    publishedParams: '4.0B',
    source: 'https://huggingface.co/Qwen/Qwen3-4B/blob/main/config.json',
  },
  {
    id: 'qwen3-8b',
    ids: ['Qwen/Qwen3-8B', 'Qwen/Qwen3-8B-Base', 'torchtune.models.qwen3.qwen3_8b_base', 'torchtune.models.qwen3.qwen3_8b_instruct'],
    layers: 36, hidden: 4096, ffn: 12288, heads: 32, kvHeads: 8, headDim: 128, vocab: 151936, tiedEmbeddings: false, gatedMlp: true, qkNorm: true,
    publishedParams: '8.2B',
    source: 'https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json',
  },
  {
    id: 'qwen3-14b',
    ids: ['Qwen/Qwen3-14B', 'Qwen/Qwen3-14B-Base', 'torchtune.models.qwen3.qwen3_14b_base', 'torchtune.models.qwen3.qwen3_14b_instruct'],
    layers: 40, hidden: 5120, ffn: 17408, heads: 40, kvHeads: 8, headDim: 128, vocab: 151936, tiedEmbeddings: false, gatedMlp: true, qkNorm: true,
    publishedParams: '14.8B',
    source: 'https://huggingface.co/Qwen/Qwen3-14B/blob/main/config.json',
  },
  {
    id: 'qwen3-32b',
    ids: ['Qwen/Qwen3-32B', 'torchtune.models.qwen3.qwen3_32b'],
    layers: 64, hidden: 5120, ffn: 25600, heads: 64, kvHeads: 8, headDim: 128, vocab: 151936, tiedEmbeddings: false, gatedMlp: true, qkNorm: true,
    publishedParams: '32.8B',
    source: 'https://huggingface.co/Qwen/Qwen3-32B/blob/main/config.json',
  },
  {
    id: 'qwen3-30b-a3b',
    ids: ['Qwen/Qwen3-30B-A3B', 'Qwen/Qwen3-30B-A3B-Base', 'qwen3_30b_a3b'],
    layers: 48, hidden: 2048, ffn: 6144, heads: 32, kvHeads: 4, headDim: 128, vocab: 151936, tiedEmbeddings: false, gatedMlp: true, qkNorm: true,
    moe: { experts: 128, topK: 8, expertFfn: 768 },
    publishedParams: '30.5B total / 3.3B active',
    source: 'https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json',
  },
  {
    id: 'qwen3-235b-a22b',
    ids: ['Qwen/Qwen3-235B-A22B', 'qwen3_235b_a22b'],
    layers: 94, hidden: 4096, ffn: 12288, heads: 64, kvHeads: 4, headDim: 128, vocab: 151936, tiedEmbeddings: false, gatedMlp: true, qkNorm: true,
    moe: { experts: 128, topK: 8, expertFfn: 1536 },
    publishedParams: '235B total / 22B active',
    source: 'https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json',
  },
  {
    id: 'deepseek-v3',
    ids: ['deepseek-ai/DeepSeek-V3', 'deepseek-ai/DeepSeek-V3-Base', 'deepseek-ai/DeepSeek-V3-0324', 'deepseek-ai/DeepSeek-R1', 'deepseek_v3'],
    layers: 61, hidden: 7168, ffn: 18432, heads: 128, kvHeads: 128, vocab: 129280, tiedEmbeddings: false, gatedMlp: true,
    moe: { experts: 256, topK: 8, expertFfn: 2048, sharedExperts: 1, denseLayers: 3 },
    mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
    publishedParams: '671B total / 37B active',
    source: 'https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json',
  },
  {
    id: 'mpt-7b',
    ids: ['mosaicml/mpt-7b', 'mosaicml/mpt-7b-instruct', 'mpt-7b'],
    layers: 32, hidden: 4096, ffn: 16384, heads: 32, kvHeads: 32, vocab: 50432, tiedEmbeddings: true, gatedMlp: false, norm: 'layernorm-nobias',
    publishedParams: '6.7B',
    source: 'https://huggingface.co/mosaicml/mpt-7b/blob/main/config.json',
  },
];

/** Looks a model up by HF id, component path or bare name (case-insensitive; org prefix optional). */
export function findModelArchitecture(name: string): ModelArchitecture | undefined {
  const n = name.trim().replace(/\/+$/, '').toLowerCase();
  if (!n) return undefined;
  const last = n.split('/').pop()!;
  for (const m of MODEL_ARCHITECTURES) {
    for (const id of m.ids) {
      const l = id.toLowerCase();
      if (l === n || l.split('/').pop() === last) return m;
    }
    if (m.id === n || m.id === last) return m;
  }
  return undefined;
}
