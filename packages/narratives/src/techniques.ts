// The 23 persuasion techniques of SemEval-2023 Task 3 (ids as the task's label files write them),
// with the names analysts read.
export const TECHNIQUE_NAMES: Readonly<Record<string, string>> = {
  Appeal_to_Authority: 'Appeal to authority',
  Appeal_to_Popularity: 'Appeal to popularity',
  Appeal_to_Values: 'Appeal to values',
  'Appeal_to_Fear-Prejudice': 'Appeal to fear, prejudice',
  Flag_Waving: 'Flag waving',
  Causal_Oversimplification: 'Causal oversimplification',
  'False_Dilemma-No_Choice': 'False dilemma, no choice',
  Consequential_Oversimplification: 'Consequential oversimplification',
  Straw_Man: 'Straw man',
  Red_Herring: 'Red herring',
  Whataboutism: 'Whataboutism',
  Slogans: 'Slogans',
  Appeal_to_Time: 'Appeal to time',
  Conversation_Killer: 'Conversation killer',
  Loaded_Language: 'Loaded language',
  Repetition: 'Repetition',
  'Exaggeration-Minimisation': 'Exaggeration, minimisation',
  'Obfuscation-Vagueness-Confusion': 'Obfuscation, vagueness, confusion',
  'Name_Calling-Labeling': 'Name calling, labeling',
  Doubt: 'Doubt',
  Guilt_by_Association: 'Guilt by association',
  Appeal_to_Hypocrisy: 'Appeal to hypocrisy',
  Questioning_the_Reputation: 'Questioning the reputation',
};

/** The technique id for what an analyst types: the task id, or its name in any case and spacing. */
export function techniqueId(input: string): string | null {
  const key = (s: string): string => s.toLowerCase().replace(/[^a-z]+/gu, '');
  const wanted = key(input);
  for (const [id, name] of Object.entries(TECHNIQUE_NAMES))
    if (key(id) === wanted || key(name) === wanted) return id;
  return null;
}
