using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

public sealed partial class KnowledgeIndex
{
    /// <summary>Per-thread buffers for one search, reused so the answer path barely allocates.</summary>
    private sealed class SearchScratch
    {
        public AnalysedText Text { get; } = new();

        public float[] Scores { get; private set; } = [];

        public int[] Touched { get; private set; } = [];

        public int TouchedCount { get; set; }

        public QueryTerm[] Terms { get; private set; } = new QueryTerm[16];

        public int TermCount { get; private set; }

        public int[] SlotOfToken { get; private set; } = new int[64];

        public int[] SlotToken { get; } = new int[MaxSlots];

        public float[] SlotIdf { get; } = new float[MaxSlots];

        public SlotMatch[] SlotResolved { get; } = new SlotMatch[MaxSlots];

        public int SlotCount { get; set; }

        public int[] TopDocs { get; private set; } = new int[4];

        public double[] TopScores { get; private set; } = new double[4];

        public int TopCount { get; private set; }

        private int _topCapacity;

        public void Prepare(int documentCount, int top)
        {
            if (Scores.Length < documentCount)
            {
                Scores = new float[documentCount];
                Touched = new int[documentCount];
            }

            if (TopDocs.Length < top)
            {
                TopDocs = new int[top];
                TopScores = new double[top];
            }

            _topCapacity = top;
            TopCount = 0;
            TermCount = 0;
            SlotCount = 0;
            TouchedCount = 0;
        }

        public void EnsureTokens(int count)
        {
            if (SlotOfToken.Length < count)
            {
                SlotOfToken = new int[Math.Max(count, SlotOfToken.Length * 2)];
            }
        }

        public void AddTerm(int id, float weight, uint slots)
        {
            for (var i = 0; i < TermCount; i++)
            {
                if (Terms[i].Id == id)
                {
                    Terms[i].Weight = Math.Max(Terms[i].Weight, weight);
                    Terms[i].Slots |= slots;
                    return;
                }
            }

            if (TermCount == Terms.Length)
            {
                var grown = Terms;
                Array.Resize(ref grown, Terms.Length * 2);
                Terms = grown;
            }

            Terms[TermCount++] = new QueryTerm { Id = id, Weight = weight, Slots = slots };
        }

        /// <summary>Keeps the best scores in descending order; ties keep the earlier article.</summary>
        public void OfferTop(int doc, double score)
        {
            var position = TopCount;
            while (position > 0 && (TopScores[position - 1] < score || (TopScores[position - 1] == score && TopDocs[position - 1] > doc)))
            {
                position--;
            }

            if (position >= _topCapacity)
            {
                return;
            }

            var last = Math.Min(TopCount, _topCapacity - 1);
            for (var i = last; i > position; i--)
            {
                TopDocs[i] = TopDocs[i - 1];
                TopScores[i] = TopScores[i - 1];
            }

            TopDocs[position] = doc;
            TopScores[position] = score;
            TopCount = Math.Min(TopCount + 1, _topCapacity);
        }
    }
}
