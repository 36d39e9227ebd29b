"""Codebook concepts in the words guidelines use for them (issue 11: misses on unseen guidelines are paraphrases,
the codebook's concepts in other words, other inflections and word orders).

Each entry is a term or pattern of ``aicompare/taxonomy/lexicon.yaml`` added from the codebook's definition of a
value (``../shared/corpora/labelled/CODEBOOK.md``), with a sentence of a shipped document (``data/raw/overseas``)
in which it is the evidence: the lexicon before these terms did not match it there (most of these sentences did
not support the value at all). Sentences from the labelled development sets are never used here.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from aicompare.extract import score_passages
from conftest import OVERSEAS, RAW

# (value, evidence as matched in the sentence, the sentence supports the value, shipped file, sentence)
PARAPHRASES = [
    ('V01', 'well-being of society', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'The People & Planet dimension at the center of Figure 2 represents human rights and the broader well-being of society and the planet.'),
    ('V01', 'improve the lives of people', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'If managed properly, general-purpose AI systems could substantially improve the lives of people worldwide.'),
    ('V01', 'in the service of humanity', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'To do this, AI systems8 need to be human-centric, resting on a commitment to their use in the service of humanity and the common good, with the goal of improving human welfare and freedom.'),
    ('V01', 'benefits to individuals', False, 'uk_ai_playbook_for_government_2025_en.txt',
     'Collaborating with people both inside and outside government will help you ensure we use AI to deliver tangible benefits to individuals and society as a whole.'),
    ('V01', 'public good', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Societal wellbeing and public good'),
    ('V01', 'common good', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'They seek to make ethics a core pillar for developing a unique approach to AI, one that aims to benefit, empower and protect both individual human flourishing and the common good of society.'),
    ('V01', 'societal well-being', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'AI is not an end in itself, but rather a promising means to increase human flourishing, thereby enhancing individual and societal well-being and the common good, as well as bringing progress and innovation.'),
    ('V02', 'rights and freedoms', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt',
     'A DPIA should consider risks and impacts to individuals, the rights and freedoms of individuals, groups and society and map-out planned data processing activities.'),
    ('V02', 'fundamental freedoms', True, 'un_ga_resolution_78_265_ai_2024_en.txt',
     '24-05969 3/8 fundamental freedoms, including the right not to be subject to unlawful or arbitrary interference with one’s privacy; and increase the potential risk for accidents and compound threats from malicious actors,'),
    ('V02', 'civil rights', True, 'us_eo_14110_federal_register_2023_en.pdf',
     '(d) Artificial Intelligence policies must be consistent with my Administra-tion’s dedication to advancing equity and civil rights.'),
    ('V02', 'freedom of expression', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Examples of the rights most likely to be impacted are Article 8 (right to a private and family life) and Article 10 (freedom of expression).'),
    ('V02', 'citizens’ rights', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'by reference to dignity, freedoms, equality and solidarity, citizens’ rights and justice.'),
    ('V02', 'rights of individuals', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'The aim of the fundamental rights impact assessment is for the deployer to identify the specific risks to the rights of individuals or groups of individuals likely to be affected, identify measures to be taken in the case of a materialisation of those risks.'),
    ('V02', 'deceived', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Moreover, the use of AI systems should never lead to people being deceived or unjustifiably impaired in their freedom of choice.'),
    ('V02', 'deception', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     'In line with its product safety logic, the AI Act aims to prohibit AI-enabled manipulation and deception resulting in significant physical harm.'),
    ('V02', 'deceptive', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(86) The AI Act addresses various types of harmful effects associated with manipulative and deceptive AI systems, each with distinct implications for individual persons and groups of persons that may be affected74'),
    ('V02', 'Exploitation of vulnerabilities of', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     'Exploitation of vulnerabilities of other groups may be covered as part of Article 5(1)(a) AI Act if the purposefully manipulative practice leverage on specific vulnerabilities and weaknesses of those persons.'),
    ('V03', 'AI Divide', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'This global ‘AI Divide’ could become even larger for general-purpose AI specifically because of the high costs associated with general-purpose AI development.'),
    ('V03', 'equitable access', True, 'un_ga_resolution_78_265_ai_2024_en.txt',
     '4/8 24-05969 equitable access to the benefits of digital transformation and safe, secure and trustworthy artificial intelligence systems, including by:'),
    ('V03', 'gender balance', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'In particular, AI systems can help to facilitate the achievement of the UN’s Sustainable Development Goals, such as promoting gender balance and tackling climate change, rationalising our use of natural resources, enhancing our health, mobility and production processes, and supporting how we monitor progress against sustainability and social cohesion indicators.'),
    ('V03', 'children', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(361) The ‘scale’ criterion refers, in particular, to the number and categories of persons affected by the interference (including children and vulnerable or marginalised persons).'),
    ('V03', 'older people', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     'That prohibition aims to prevent AI systems from exploiting cognitive and other limitations that children and older people may have, and to protect them from harmful undue influence, manipulation and exploitation.'),
    ('V03', 'developing countries', True, 'un_ga_resolution_78_265_ai_2024_en.txt',
     '4. Calls upon Member States and invites other stakeholders to take action to cooperate with and provide assistance to developing countries towards inclusive and __________________'),
    ('V04', 'CO2 emissions', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Other important factors affecting CO2 emissions include the geographic location of data centres, their efficiency, and the efficiency of the hardware used.'),
    ('V04', 'decarbonisation', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Looking at sectors like public transportation, AI systems for intelligent transport systems60 can be used to minimise queuing, optimise routing, allow vision impaired people to be more independent, 61 optimise energy efficient engines and thereby enhance decarbonisation efforts and reduce the environmental footprint, for a greener society.'),
    ('V04', 'renewable energy', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'AI firms often rely on renewable energy (76, 78), a significant portion of AI training globally still relies on high-carbon sources such as coal or natural gas (581*).'),
    ('V04', 'energy-efficient', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'The standardisation request shall also ask for deliverables on reporting and documentation processes to improve AI systems’ resource performance, such as reducing the high-risk AI system’s consumption of energy and of other resources during its lifecycle, and on the energy-efficient development of general-purpose AI models.'),
    ('V04', 'environmental wellbeing', True, 'au_national_framework_ai_assurance_government_2024_en.txt',
     'It presents great opportunities for all levels of government to transform public service delivery and enhance societal, economic and environmental wellbeing.'),
    ('V04', 'emissions', False, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Some estimates indicate that the total computation spent on general-purpose AI inference already exceeds that devoted to training new models for example, AI inference represented 60% of Google’s AI infrastructure emissions as of 2022 (78).'),
    ('V05', 'bilateral working groups', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'Respondents also suggested establishing bilateral working groups with key strategic partners to share expertise.'),
    ('V05', 'international agreements', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'Respondents also noted that international agreements would be needed to ensure effective routes to contest or seek redress for AI-related harms across borders.'),
    ('V05', 'global technical standards', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt',
     'The AI Standards Hub aims to help stakeholders navigate and actively participate in global AI standardisation efforts and champion global technical standards for AI.'),
    ('V05', 'international organisations', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '(12) The notion of ‘AI system’ in this Regulation should be clearly defined and should be closely aligned with the work of international organisations working on AI to ensure legal certainty, facilitate international convergence and wide acceptance, while providing the flexibility to accommodate the rapid technological developments in this field.'),
    ('V06', 'should not be used in', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'In any case, post-remote biometric identification systems should not be used in the framework of law enforcement to lead to indiscriminate surveillance.'),
    ('V06', 'prohibition on the use', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(326) The AI Act provides three exceptions to the general prohibition on the use of real-time RBI in publicly accessible spaces for law enforcement purposes.'),
    ('V06', 'unacceptable use', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'GV-1.3-004 Obtain input from stakeholder communities to identify unacceptable use, in accordance with activities in the AI RMF Map function.'),
    ('V06', 'restrictions on the use', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(46) Concerning the prohibitions/restrictions on the use of biometric categorisation systems and real-time RBI systems for law enforcement purposes, the AI Act applies as lex specialis to Article 10 LED, thus regulating such use and the processing of biometric data involved in an exhaustive manner.'),
    ('V06', 'off-label use', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'consider risks associated with third-party AI technologies, transfer learning, and off-label use where AI systems may be trained for decision-making outside an organiza-tion’s security controls or trained in one domain and then “fine-tuned” for another.'),
    ('V07', 'Train your users', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Train your users not to trust the outputs of generative AI or rely exclusively on generated responses.'),
    ('V07', 'building internal organisational capacity', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'Some suggested that government support in building internal organisational capacity would help them to effectively apply the principles within their existing remits, with some noting that they struggle to compete with the private sector to recruit the right technical expertise and skills.'),
    ('V07', 'user awareness', False, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     '7. Many respondents also supported the labelling of AI use and outputs, with many recommending the measure to improve user awareness and organisational accountability.'),
    ('V08', 'monitoring by humans', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     'AI services are provided and operated through not only technologies that constitute an AI system, but also non-technological approaches, including monitoring by humans and appropriate communications with stakeholders.'),
    ('V08', 'human in control', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     '\uf0a7 Who is the “human in control” and what are the moments or tools for human intervention?'),
    ('V08', 'human alternatives', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'A few respondents wanted to see clearer opt-ins for uses of data and AI, with options for human alternatives.'),
    ('V08', 'request human', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'For example, data subjects will be provided with information on such decisions, have the opportunity to make representations, and can request human intervention or contest the decision.'),
    ('V08', 'challenge AI system output', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'For example, the degree to which humans are empowered and incentivized to challenge AI system output requires further studies.'),
    ('V08', 'lose control over AI', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Nevertheless, broad hypothetical scenarios for how society might lose control over AI systems have been proposed (507, 511) and these scenarios have been emphasised by some leading researchers (127).'),
    ('V09', 'curated training data', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Generative AI learns from large amounts of specially curated training data to discern and replicate complex patterns and structures.'),
    ('V11', 'risk to health', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'A specific safeguard procedure should be set for ensuring adequate and timely enforcement against AI systems presenting a risk to health, safety and fundamental rights.'),
    ('V11', 'biological weapons', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Some experts have also expressed concern that general-purpose AI could be used to support the development and malicious use of weapons, such as biological weapons.'),
    ('V11', 'CBRN', True, 'us_eo_14110_federal_register_2023_en.pdf',
     '(i) substantially lowering the barrier of entry for non-experts to design, synthesize, acquire, or use chemical, biological, radiological, or nuclear (CBRN) weapons;'),
    ('V11', 'bioweapons', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'For example, removing certain capabilities that could aid malicious users in making explosives, bioweapons, chemical weapons, and cyberattacks would improve safety (408).'),
    ('V11', 'dangerous capabilities', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'While highly capable narrow AI systems are in scope of the regulatory framework for AI, these systems may require a different set of interventions if they present potentially dangerous capabilities.'),
    ('V11', 'red-teaming', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'In contrast to benchmarks which are a fixed set of test cases, a key advantage of red-teaming is that it adapts the evaluation to the specific system being tested.'),
    ('V11', 'adverse impacts', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'However, we are equally concerned to ensure that the risks and other adverse impacts with which these technologies are associated are properly and proportionately handled.'),
    ('V12', 'jailbreak', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Users can also ‘jailbreak’ general-purpose AI models to make them comply with potentially harmful requests (see 5.2.3 Improving robustness to failures).'),
    ('V12', 'prompt injections', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'The potential impact of prompt injections ranges from very mild, like a user making a banking chatbot tell jokes in the style of a pirate, to much more serious.'),
    ('V12', 'malware', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Popular open source AI model site Hugging Face does have some malware scanning tooling, but this is not capable of determining if a given AI model has been trained on poisoned data.'),
    ('V12', 'threat actors', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Still, these safeguards may deter relatively unsophisticated threat actors (384).'),
    ('V12', 'exfiltration', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'In this scenario, indirect prompt injection in an email attachment can be used to perform data exfiltration without any action required by the user.'),
    ('V12', 'model extraction', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'Conduct AI red-teaming to assess issues such as: Outputting of training data samples, and subsequent reverse engineering, model extraction, and membership inference risks; Revealing biometric, confidential, copyrighted, licensed, patented, personal, proprietary, sensitive, or trade-marked information; Tracking or revealing location information of users or members of training datasets.'),
    ('V12', 'membership inference', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'Conduct AI red-teaming to assess issues such as: Outputting of training data samples, and subsequent reverse engineering, model extraction, and membership inference risks; Revealing biometric, confidential, copyrighted, licensed, patented, personal, proprietary, sensitive, or trade-marked information; Tracking or revealing location information of users or members of training datasets.'),
    ('V12', 'unauthorized use', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     '4. Data Privacy: Impacts due to leakage and unauthorized use, disclosure, or de-anonymization of biometric, health, location, or other personally identifiable information or sensitive data.'),
    ('V12', 'Red-teaming', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Red-teaming tries to reveal worst-case behaviours or malicious use opportunities.'),
    ('V12', 'access controls', True, 'g7_hiroshima_process_guiding_principles_2023_en.txt',
     'These may include securing model weights and algorithms, servers, and datasets, such as through operational security measures for information security and appropriate cyber/physical access controls.'),
    ('V13', 'identifiable natural persons', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(45) In the context of the prohibitions, the interplay between the AI Act and Union data protection law is particularly relevant, since AI systems often process information relating to identified or identifiable natural persons (‘personal data’).'),
    ('V13', 'data about people', False, 'uk_ai_playbook_for_government_2025_en.txt',
     'If AI systems infer data about people, you need to ensure that the system is accurate and is not discriminatory.'),
    ('V13', 'patient data', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'It is difficult to assess the likelihood or potential impact of these risks: for example, existing medical general-purpose AI systems such as Google’s Gemini-Med (596*) are only trained on anonymised public patient data, and the rate at which such models regurgitate training data has not yet been studied.'),
    # the strong term inside the weak one ("individuals’ personal data") is taken first
    ('V13', 'personal data', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'AI-driven technologies offer significant benefits but they also pose potential risk of harm to individuals and groups if they’re not implemented with specific focus on protecting individuals’ personal data and right to privacy.'),
    ('V13', 'retention of data', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'To combat this risk, the Federal Government will ensure that the collection, use, and retention of data is lawful, is secure, and mitigates privacy and confidentiality risks.'),
    ('V13', 'health data', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     'That score is based on relevant personal characteristics, such as age and education, but also variables collected or inferred from data and contexts with no apparent connection to the purpose of evaluation, such as marital status, health data for chronic diseases, addiction, etc.'),
    ('V14', 'disadvantage older individuals based on age', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Similarly, healthcare allocation algorithms developed by health insurance companies may disadvantage older individuals based on age-related health risks, even if these individuals are healthy.'),
    ('V14', 'protected characteristics', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'These may, for instance, evaluate the accuracy and quality of a model’s outputs against the protected characteristics listed in the Equality Act 2010.'),
    ('V14', 'treated less favourably', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(165) ‘Unfavourable treatment’ means that as a result from the scoring, the person or group of persons must be treated less favourably compared to others without necessarily 120 This interpretation is consistent with the CJEU judgment in the SCHUFA I judgment, where the CJEU held in the context of automated decision-making that a ‘score’ (evaluation constituting profiling) produced by an entity other than the one taking the final decision can constitute an automated decision under Article 22 of the GDPR.'),
    ('V14', 'disproportionately impacts socially disadvantaged', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     'By contrast, an AI system that is inadvertently biased and disproportionately impacts socially disadvantaged persons (indirect discrimination) due to biased training data should not automatically be considered to exploit persons’ socio-economic vulnerabilities, since they are not specifically targeted as in the case of direct discrimination when such targeting is a deliberate feature of the system’s design of the algorithm or when such discriminatory impact is due to targeting other proxy characteristics (e.g., postal codes) that closely correlate with the protected characteristics.'),
    ('V14', 'equal opportunity', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'My Administration cannot—and will not—tolerate the use of AI to disadvantage those who are already too often denied equal opportunity and justice.'),
    ('V15', 'aware when an AI', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'You should make people aware when an AI system is used, and clearly signpost mechanisms for contestability and redress to impacted individuals.'),
    ('V15', 'model cards', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'data and model cards or fact sheets, which can be used as a reference point when documenting information about AI models and the data sets used in training and testing.'),
    ('V15', 'datasheets', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '(d) where relevant, the data requirements in terms of datasheets describing the training methodologies and techniques and the training data sets used, including a general description of these data sets, information about their provenance, scope and main characteristics; how the data was obtained and selected; labelling procedures (e.g. for supervised learning), data cleaning methodologies (e.g. outliers detection);'),
    ('V15', 'understand how the AI system works', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'High-risk AI systems should be designed in a manner to enable deployers to understand how the AI system works, evaluate its functionality, and comprehend its strengths and limitations.'),
    ('V15', 'clearly communicate', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     '\uf0fc Did you clearly communicate characteristics, limitations and potential shortcomings of the AI system?'),
    ('V15', 'plain language', True, 'ca_on_alpha_ai_principles_en.md',
     'Transparency of use must be accompanied with plain language explanations for the public to have access to and not just the technical or research community.'),
    ('V17', 'perform consistently', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'Testing shall ensure that high-risk AI systems perform consistently for their intended purpose and that they are in compliance with the requirements set out in this Section.'),
    ('V17', 'failure modes', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Users often discover capabilities and failure modes that developers do not, and monitoring the real-world usage of a system can further scientific understanding.'),
    ('V17', 'perform as intended', False, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     'Those persons should also intervene in order to avoid negative consequences or risks, or stop the use of the AI system if it does not perform as intended.'),
    ('V19', 'automatic recording', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'Furthermore, high-risk AI systems should technically allow for the automatic recording of events, by means of logs, over the duration of the lifetime of the system.'),
    ('V19', 'version control', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'Robust version control systems can also be applied to track changes across the AI lifecycle over time.'),
    ('V19', 'record decisions', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'Documentation templates record decisions made and facilitate transparency at an operational level.'),
    ('V19', 'origin of data', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '(b) data collection processes and the origin of data, and in the case of personal data, the original purpose of the data collection;'),
    ('V19', 'content provenance', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     "MP-5.1-001 Apply TEVV practices for content provenance (e.g., probing a system's synthetic data generation capabilities for potential misuse or vulnerabilities."),
    ('V20', 'assurance techniques', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt',
     'On the other hand, using assurance techniques can also help identify and mitigate AI-related risks to manage reputational risks and avoid negative publicity.'),
    ('V20', 'regular assessments', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     '77 The high-impact nature of these concerns, combined with the current uncertainty in corresponding developments, calls for regular assessments of these topics.'),
    ('V20', 'fundamental rights impact assessments', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'The deployer may, in similar cases, rely on previously conducted fundamental rights impact assessments or existing impact assessments carried out by provider.'),
    ('V20', 'supervision of AI systems', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'In all other cases, national market surveillance authorities remain responsible for the supervision of AI systems.'),
    ('V20', 'supervisory powers', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'National competent authorities shall exercise their supervisory powers within the limits of the relevant law, using their discretionary powers when implementing legal provisions in respect of a specific AI regulatory sandbox project, with the objective of supporting innovation in AI in the Union.'),
    ('V20', 'market surveillance', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '(c) supporting cross-border market surveillance activities as referred to in Article 74(11), without prejudice to the powers of market surveillance authorities;'),
    ('V20', 'AI assurance', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt',
     'DSIT mechanism assessment shortly plans to publish additional sector-specific guidance to provide more detail about AI assurance in particular contexts.'),
    ('V20', 'post-deployment', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'The new AI Safety Institute will work with its partners to test the most powerful new AI systems pre- and post-deployment.'),
    ('V20', 'impact assessments', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'The deployer may, in similar cases, rely on previously conducted fundamental rights impact assessments or existing impact assessments carried out by provider.'),
    ('V21', 'roles and responsibilities', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'GOVERN 3.2: Policies and procedures are in place to define and differentiate roles and responsibilities for human-AI configurations and oversight of AI systems.'),
    ('V21', 'lines of accountability', True, 'au_national_framework_ai_assurance_government_2024_en.txt',
     'Governments should ensure their use of AI is overseen by clearly identified roles and lines of accountability.'),
    ('V21', 'organizational policies', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'MAP 3.5: Processes for human oversight are defined, assessed, and documented in accordance with organizational policies from the GOVERN function.'),
    ('V21', 'establish a steering committee', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'We will establish a steering committee by spring 2024 to support and guide the activity of the central regulator coordination function (see section 5.1.2 for details).'),
    ('V21', 'regulatory framework', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'To facilitate cross-cutting collaboration and ensure that the overall regulatory framework functions as intended, we are developing our regulatory coordination activities.'),
    ('V21', 'senior leadership', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'Establish policies, procedures, and processes for oversight functions (e.g., senior leadership, legal, compliance, including internal evaluation) across the GAI lifecycle, from problem formulation and supply chains to system decommission.'),
    ('V22', 'evaluating the effectiveness of interventions', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'This team will provide continuous examination of cross-cutting AI risks, including evaluating the effectiveness of interventions by both the government and regulators.'),
    ('V22', 'value for money', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'public benefit: you must ensure that the AI solutions you develop and/or use represent good value for money and benefit the public.'),
    ('V22', 'economic impacts', False, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'For example, current measurement gaps for GAI make it difficult to precisely estimate its potential ecosystem-level or longitudinal risks and related political, social, and economic impacts.'),
    ('V08', 'controllable', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt',
     'However, some recent more capable general-purpose AI systems have been more controllable due to better tools for training and oversight (19, 20, 491), and are less likely to generalise incoherently beyond their training data (492).'),
    ('V15', 'transparently', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'be collaborative, work transparently and demonstrate how you mitigate risks'),
    ('V15', 'notice of the use of AI', True, 'us_eo_14110_federal_register_2023_en.pdf',
     '(iv) required minimum risk-management practices for Government uses of AI that impact people’s rights or safety, including, where appropriate, the following practices derived from OSTP’s Blueprint for an AI Bill of Rights and the NIST AI Risk Management Framework: conducting public consultation; assessing data quality; assessing and mitigating disparate impacts and algorithmic discrimination; providing notice of the use of AI; continuously monitoring and evaluating deployed AI; and granting human consideration and remedies for adverse decisions made using AI;'),
    ('V18', 'contestability', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     '165. Respondents consistently stressed the importance of transparency as a tool for education, awareness, consent, and contestability.'),
    ('V07', 'AI skills', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'Participants argued that there was a need for greater technical knowledge across government and regulators, along with better AI skills across the wider ecosystem.'),
    ('V20', 'pre-deployment testing', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'MS-2.3-003 Share results of pre-deployment testing with relevant GAI Actors, such as those with system release approval authority.'),
    ('V11', 'physical and mental integrity', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'In addition, the physical and mental integrity of humans should be ensured.'),
    # session 22: codebook phrases written as plain sentences (prohibited uses, instructions for use, content
    # labelled as AI-generated, persons in charge, manipulation of people, hazards, failing safely, decisions made by
    # a human); each found here in a shipped sentence the lexicon did not code with the value before
    ('V06', 'practices shall be prohibited', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '1. The following AI practices shall be prohibited:'),
    ('V06', 'in accordance with the instructions for use', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '1. Deployers of high-risk AI systems shall take appropriate technical and organisational measures to ensure they use such systems in accordance with the instructions for use accompanying the systems, pursuant to paragraphs 3 and 6.'),
    ('V06', 'systems present a threat to society and should be prohibited', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'Of respondents that expanded on their thoughts, a third suggested that some AI systems present a threat to society and should be prohibited.'),
    ('V15', 'label content generated by AI', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'The requirement to label content generated by AI systems under this Regulation is without prejudice to the obligation in Article 16(6) of Regulation (EU) 2022/2065 for providers of hosting services to process notices on illegal content received pursuant to Article 16(1) of that Regulation and should not influence the assessment and the decision on the illegality of the specific content.'),
    ('V21', 'appointment of a person in charge of', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'This can, for instance, include the appointment of a person in charge of ethics issues relating to AI systems, or an internal/external ethics panel or board.'),
    ('V21', 'Appoint someone as the person responsible for', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     '\uf0b2 Appoint someone as the person responsible for executing its accountability in each AI business actor.'),
    ('V02', 'manipulating human decision', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     '(2) Paying attention to manipulations by AI on decision-makings and emotions \uf0b2 Do not develop, provide, or use AI systems and services with purpose of manipulating human decision making, recognition and emotion or on the premise of unconscious control.'),
    ('V11', 'hazards', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     '\uf0b2 If there are potential hazards to the lives, bodies, properties, and minds of humans and the environment, organize measures to be taken in advance and offer related information to stakeholders.'),
    ('V11', 'hazards', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'At a minimum, the Secretary shall develop tools to evaluate AI capabilities to generate outputs that may represent nuclear, nonproliferation, biological, chemical, critical infrastructure, and energy-security threats or hazards.'),
    ('V17', 'fail safely', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'The AI system to be de-ployed is demonstrated to be safe, its residual negative risk does not exceed the risk tolerance, and it can fail safely, particularly if made to operate beyond its knowledge limits.'),
    ('V08', 'made by a human', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Services using AI that affect a person’s legal status or their legal rights must only use AI to support decisions that must be made by a human decision maker.'),
    ('V21', 'risk committees', True, 'au_national_framework_ai_assurance_government_2024_en.txt',
     'Governments should also consider oversight mechanisms for high-risk settings, including but not limited to external or internal review bodies, advisory bodies or AI risk committees, to provide consistent, expert advice and recommendations.'),
    ('V07', 'knowledge necessary to understand', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'Those notions may vary with regard to the relevant context and can include understanding the correct application of technical elements during the AI system’s development phase, the measures to be applied during its use, the suitable ways in which to interpret the AI system’s output, and, in the case of affected persons, the knowledge necessary to understand how decisions taken with the assistance of AI will have an impact on them.'),
    ('V15', 'capabilities and limitations', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Beyond this, the AI system’s capabilities and limitations should be communicated to AI practitioners or end-users in a manner appropriate to the use case at hand.'),
    ('V22', 'Key performance indicators', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'Key performance indicators and reporting commitments shall reflect differences in size and capacity between various participants.'),
    ('V17', 'contingency plans', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Create contingency plans to maintain essential services in the event that an unacceptable risk is identified and the use of an AI system needs to be temporarily or permanently stopped.'),
    ('V14', 'entrenching inequalities', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'If not used in responsible ways and with appropriate safeguards in place, AI tools may risk generating harm, entrenching inequalities or undermining democratic processes.'),
    ('V01', 'improving quality of life', False, 'us_eo_14110_federal_register_2023_en.pdf',  # weak: see WAIE
     'From hiring to housing to healthcare, we have seen what happens when AI use deepens discrimination and bias, rather than improving quality of life.'),
    # Round 7 (session 23): codebook concepts in the register of legal acts, risk frameworks and public-sector guidance
    ('V02', 'materially distort', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'This could be facilitated, for example, by machine-brain interfaces or virtual reality as they allow for a higher degree of control of what stimuli are presented to persons, insofar as they may materially distort their behaviour in a significantly harmful manner.'),
    ('V02', 'social scoring', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '(31) AI systems providing social scoring of natural persons by public or private actors may lead to discriminatory outcomes and the exclusion of certain groups.'),
    ('V04', 'resource consumption', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'However, it can also present risks relating to energy and resource consumption derived from both the training and deployment of some AI technologies.'),
    ('V05', 'mutual recognition', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     'In this context, the Commission should actively explore possible international instruments for that purpose and in particular pursue the conclusion of mutual recognition agreements with third countries.'),
    ('V05', 'governments should work together', True, 'oecd_ai_recommendation_2019_en.pdf',
     'b) Governments should work together in the OECD and other global and regional fora to foster the sharing of AI knowledge, as appropriate.'),
    ('V08', 'automation bias', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '(b) to remain aware of the possible tendency of automatically relying or over-relying on the output produced by a high-risk AI system (automation bias), in particular for high-risk AI systems used to provide information or recommendations for decisions to be taken by natural persons;'),
    ('V08', 'stop button', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Did you ensure a stop button or procedure to safely abort an operation where needed?'),
    ('V09', 'copyrighted works in AI training', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'The recommendations shall address any copyright and related issues discussed in the United States Copyright Office’s study, including the scope of protection for works pro-duced using AI and the treatment of copyrighted works in AI training.'),
    ('V11', 'developing lethal autonomous weapon', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Currently, an unknown number of countries and industries are researching and developing lethal autonomous weapon systems, ranging from missiles capable of selective targeting to learning machines with cognitive skills to decide whom, when and where to fight without human intervention.'),
    ('V12', 'tampered with', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'This is when data used to train an AI model has been tampered with, leading the model to produce incorrect or harmful output.'),
    ('V13', 'sensitive information about people', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'Artificial Intelligence is making it easier to extract, re-identify, link, infer, and act on sensitive information about people’s identities, loca-tions, habits, and desires.'),
    ('V17', 'drift', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'AI systems may require more frequent maintenance and triggers for conducting cor-rective maintenance due to data, model, or concept drift.'),
    ('V17', 'drift', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'This is known as model drift and may require retraining or implementation of a new model within the AI system.'),
    ('V17', 'degrade the performance', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'In-context learning has limitations and can degrade the performance of a generative AI model in certain applications.'),
    ('V17', 'confabulation', True, 'uk_ai_playbook_for_government_2025_en.txt',  # weak, with "hallucination"
     'hallucination (confabulation): large language models (LLMs) and other probabilistic generative models are vulnerable to creating content that appears plausible but may actually be factually incorrect'),
    ('V19', 'marked in a machine-readable format', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '2. Providers of AI systems, including general-purpose AI systems, generating synthetic audio, image, video or text content, shall ensure that the outputs of the AI system are marked in a machine-readable format and detectable as artificially generated or manipulated.'),
    ('V20', 'third-party evaluators', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'The Secretary shall, as appropriate, consult with private AI laboratories, academia, civil society, and third-party evaluators, and shall use existing solutions.'),
    ('V21', 'establish or designate as national competent authorities', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf',
     '1. Each Member State shall establish or designate as national competent authorities at least one notifying authority and at least one market surveillance authority for the purposes of this Regulation.'),
    ('V21', 'rules for the use of AI', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'This can be done while allowing our expert regulators to provide effective rules for the use of AI within their remits.'),
    # Round 7, second set: the register of health, employment, education and public-sector guidance
    ('V01', 'benefit individuals', True, 'au_national_framework_ai_assurance_government_2024_en.txt',
     'Throughout their lifecycle, AI systems should benefit individuals, society and the environment'),
    ('V05', 'international counterparts', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     'Critical to all of this work will also be close engagement with international counterparts who are also working to address these issues.'),
    ('V05', 'international discussions', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     'The Guidelines are also intended to contribute to the Process and have been established taking into account international discussions including the Process.'),
    ('V06', 'not to improperly input secured information into AI', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     'Pay attention not to improperly input secured information into AI systems/services ("5) Ensuring security").'),
    ('V07', 'trained to understand', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'For example, the technologies are currently used only to assist human decisions and our reviewers are fully trained to understand the ethical and legal aspects of their work.'),
    ('V07', 'professional-development', True, 'us_eo_14110_federal_register_2023_en.pdf',
     'Agen-cies that provide professional-development opportunities, grants, or funds for their staff should take appropriate steps'),
    ('V08', 'fully automated', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'fully automated decision making: be cautious about any use case involving significant decisions, such as those involving someone’s health or safety.'),
    ('V12', 'phishing', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'This is when generative AI is used to craft more convincing phishing emails and messages that can be tailored to specific user groups, leading to an increase in internet fraud.'),
    ('V20', 'feedback mechanisms', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Put feedback mechanisms in place to allow individuals to report unfair decisions, harmful outputs and accessibility challenges.'),
    ('V20', 'AI impact assessment', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'AI actors who are domain experts can provide essential guidance for AI system design and development, and inter-pret outputs in support of work performed by TEVV and AI impact assessment teams.'),
    ('V21', 'Chief Artificial Intelligence Officers', True, 'us_eo_14110_federal_register_2023_en.pdf',
     '(ii) the Chief Artificial Intelligence Officers’ roles, responsibilities, senior-ity, position, and reporting structures;'),
    # Round 7, third set: measures that directly serve a value
    ('V17', 'unexpected situations', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Did you verify how your system behaves in unexpected situations and environments?'),
    ('V17', 'variety of scenarios', True, 'uk_ai_playbook_for_government_2025_en.txt',  # weak, with "test"
     'Test your system in a variety of scenarios, including those capturing extreme or rare potential events.'),
    ('V21', 'escalation processes', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'You should have clearly documented review and escalation processes in place, and have an AI review board or programme-level board.'),
    ('V21', 'framework for managing risk', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',
     '1. Responsible Capability Scaling – a framework for managing risk as organisations scale the capability of frontier AI systems, enabling companies to prepare for potential future, more dangerous AI risks before they occur.'),
    # Round 7, fourth set: classes of misses read on half C of a fresh set of passages coded blind (docs/extraction.md)
    ('V17', 'Reproducibility', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'Reproducibility describes whether an AI experiment exhibits the same behaviour when repeated under the same conditions.'),
    ('V05', 'collaborating', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt',  # weak, with "G7"
     'We look forward to collaborating further on AI under Italy’s G7 Presidency in 2024.'),
    ('V03', 'in vulnerable situations', True, 'un_ga_resolution_78_265_ai_2024_en.txt',
     '5. Emphasizes that human rights and fundamental freedoms must be respected, protected and promoted throughout the life cycle of artificial intelligence systems, calls upon all Member States and, where applicable, other stakeholders to refrain from or cease the use of artificial intelligence systems that are impossible to operate in compliance with international human rights law or that pose undue risks to the enjoyment of human rights, especially of those who are in vulnerable situations,'),
    # Round 7, fifth set: classes of errors read on set G of the fresh passages (docs/extraction.md)
    ('V09', 'bias in data', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'For example, in data-drive AI systems, such as those produced through machine learning, bias in data collection and training can result in an AI system demonstrating bias.'),
    ('V09', 'bias in the input data', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'Another form of harm that can result from representational bias in the input data is performance disparities across different social groups.'),
    # Round 7, sixth set: classes of errors read on fresh set H (docs/extraction.md)
    ('V17', 'unexpected behaviour', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf',
     'AI systems with learning capabilities that can dynamically adapt their behaviour can be understood as non-deterministic systems possibly exhibiting unexpected behaviour.'),
    ('V17', 'external validity', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'Mea-sures of accuracy should consider computational-centric measures (e.g., false positive and false negative rates), human-AI teaming, and demonstrate external validity (generalizable beyond the training conditions).'),
    ('V06', 'AI is the right tool', True, 'uk_ai_playbook_for_government_2025_en.txt',
     'understanding if AI is the right tool: do early UR to observe and speak with people who are involved in processes, whether these are internal users or the general public.'),
    # a weak term no longer hides a strong one that starts inside it ("AI assurance" and "assurance mechanisms")
    ('V20', 'assurance mechanisms', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt',
     'To provide a consistent baseline, and increase their effectiveness and impact, AI assurance mechanisms should also be underpinned by available global technical standards.'),
    # Round 8 (session 24): tamper-proof records, persons made more vulnerable, risk mitigation measures, the
    # resources a measure requires (sentences of the shipped PDFs, as ingested)
    ('V12', 'tamper-proof', True, 'nist_ai_600_1_genai_profile_2024_en.pdf',
     'Use digital content transparency solutions to enable the documentation of each instance where content is generated, modified, or shared to provide a tamper-proof history of the content, promote transparency, and enable traceability.'),
    ('V03', 'persons concerned more vulnerable to', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf',
     '(109) The third category of vulnerabilities which the prohibition in Article 5(1)(b) AI Act seeks to protect are those due to a specific social or economic situation that is likely to make the persons concerned more vulnerable to exploitation.'),
    ('V11', 'risk mitigation', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf',
     'Document measures for risk mitigation and update them regularly.'),
    ('V22', 'resources required to', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf',
     'MANAGE 2.1: Resources required to manage AI risks are taken into account – along with viable non-AI alternative systems, ap-proaches, or methods – to reduce the magnitude or likelihood of potential impacts.'),
    # Round 8, third set: passages of the shipped guidelines coded blind, read after their first score
    ('V06', 'prohibits three alternative types of manipulative techniques', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', '(63) Article 5(1)(a) AI Act prohibits three alternative types of manipulative techniques: a) subliminal techniques beyond a person’s consciousness: b) purposefully manipulative techniques; and c) deceptive techniques.'),
    ('V20', 'demonstrate the conformity', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '(k) upon a reasoned request of a national competent authority, demonstrate the conformity of the high-risk AI system with the requirements set out in Section 2;'),
    ('V20', 'reporting of issues and vulnerabilities', True, 'g7_hiroshima_process_guiding_principles_2023_en.txt', 'Organizations are encouraged to consider, for example, facilitating third-party and user discovery and reporting of issues and vulnerabilities after deployment.'),
    ('V15', 'plain and easy-to-understand information', True, 'oecd_ai_recommendation_2019_en.pdf', 'iv. to enable those adversely affected by an AI system to challenge its outcome based on plain and easy-to-understand information on the factors, and the logic that served as the basis for the prediction, recommendation or decision.'),
    ('V15', 'communication of AI risks', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf', 'The AI RMF should allow for communication of AI risks across an organization, between organizations, with customers, and to the public at large.'),
    ('V11', 'Risk treatment', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf', 'Risk treatment comprises plans to respond to, recover from, and communicate about incidents or events.'),
    ('V21', 'Establish policies', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'GV-3.2-004 Establish policies for user feedback mechanisms for GAI systems which include thorough instructions and any mechanisms for recourse.'),
    ('V07', 'training programs', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'MP-3.4-002 Adapt existing training programs to include modules on digital content transparency.'),
    ('V03', 'social disparities', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf', 'We need to use AI to bring new businesses and solutions into the world one after another to build a sustainable society that can eliminate social disparities and address global environmental problems and climate changes.'),
    ('V11', 'safe', True, 'un_ga_resolution_78_265_ai_2024_en.txt', '2. Resolves to promote safe, secure and trustworthy artificial intelligence systems to accelerate progress towards the full realization of the 2030 Agenda for Sustainable Development, 10 further bridging the artificial intelligence and other digital divides between and within countries; and stresses the need for the standard of safe, secure and trustworthy artificial intelligence systems to promote, not hinder, digital transformation and equitable access to their benefits in order to achieve all 17 Sustainable Development Goals and sustainable development in its three dimensions – economic, social and environmental – and address other shared global challenges, particularly for developing countries;'),
    ('V20', 'assurance ‘as a service', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt', 'There are also diversified professional services firms who offer assurance ‘as a service’, supporting clients to embed good governance and assurance practices.'),
    ('V07', 'right skills', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'Governments, industry leaders, educational institutions and unions face a responsibility to bring the citizens into the new digital era ensuring they have the right skills to fill the future jobs.'),
    ('V16', 'hold organisations using AI systems that process personal data to account', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt', '74 We note, for instance, the enforcement action of the ICO who have used data protection law to hold organisations using AI systems that process personal data to account for breaches of data protection law.'),
    ('V19', 'log all results', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'It is strongly recommended to log all results both in technical terms and in management terms, ensuring that the problem solving can be understood at all levels in the governance structure.'),
    ('V01', 'with the user in mind', True, 'ca_on_alpha_ai_principles_en.md', 'Developing algorithmic systems with the user in mind ensures better societal and economic outcomes from the data-driven technologies.'),
    ('V08', 'levels of oversight', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'Accordingly, GAI may call for different levels of oversight from AI Actors or different human-AI configurations in order to manage their risks effectively.'),
    ('V02', 'deprivation of rights', True, 'us_eo_14110_federal_register_2023_en.pdf', '(iii) Within 365 days of the date of this order, the Attorney General shall review the work conducted pursuant to section 2(b) of Executive Order 14074 and, if appropriate, reassess the existing capacity to investigate law enforcement deprivation of rights under color of law resulting from the use of AI, including through improving and increasing training of Federal law enforcement officers, their supervisors, and Federal prosecutors on how to investigate and prosecute cases related to AI involving the deprivation of rights under color of law pursuant to 18 U.S.C. 242.'),
    ('V17', 'test and verify the performance of', True, 'au_national_framework_ai_assurance_government_2024_en.txt', 'Governments should test and verify the performance of AI systems.'),
    # Round 8, fourth set (shipped passages and WAIE half-A passages coded blind, read after their first score)
    ('V09', 'reflect and amplify undesirable patterns in the data', True, 'ca_on_alpha_ai_principles_en.md', 'Automated algorithmic decisions can reflect and amplify undesirable patterns in the data they are trained on.'),
    ('V17', 'fallback processes', True, 'uk_ai_playbook_for_government_2025_en.txt', 'fallback processes: to ensure that critical functionality and services can be maintained if a change must be reverted and/or an AI system terminated'),
    ('V20', 'joint investigations', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', 'The AI Office should provide coordination support for joint investigations.'),
    ('V17', 'outputs are accurate', True, 'uk_ai_playbook_for_government_2025_en.txt', 'You should check that outputs are accurate, non-discriminatory, non-harmful, and do not violate existing legal provisions, guidelines, policies or the provider’s terms of use.'),
    ('V09', 'unfiltered data', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Be aware that generative AI models are particularly vulnerable to bias because they’re trained on vast amounts of unfiltered data scraped from the internet, which is likely to contain a wide range of content reflecting historical and social biases.'),
    ('V20', 'self-assessment', True, 'g7_hiroshima_process_code_of_conduct_2023_en.txt', 'In addition, we encourage organizations to set up internal AI governance structures and policies, including self-assessment mechanisms, to facilitate a responsible and accountable approach to implementation of these actions and in AI development.'),
    # Round 8, fifth set
    ('V08', 'a human must be present to review', True, 'uk_ai_playbook_for_government_2025_en.txt', 'In these situations a human must be present to review the action.'),
    ('V12', 'report vulnerabilities', True, 'g7_hiroshima_process_code_of_conduct_2023_en.txt', 'Mechanisms to report vulnerabilities, where appropriate, should be accessible to a diverse set of stakeholders.'),
    ('V15', 'determine if particular content was created', True, 'g7_hiroshima_process_guiding_principles_2023_en.txt', 'Organizations should also endeavor to develop tools or APIs to allow users to determine if particular content was created with their advanced AI system such as via watermarks.'),
    ('V11', 'risk analysis', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf', '(1) Each AI business actor first conducts an environment and risk analysis for the AI system or service based on the benefits and risks the AI system or service may bring about during the overall lifecycle, social acceptance relating to the development and operation, changes in the external environment, and the maturity of AI.'),
    ('V21', 'organisation’s policies', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Principle 10: You use these principles alongside your organisation’s policies and have the right assurance in place'),
    ('V05', 'at the international level', True, 'oecd_ai_recommendation_2019_en.pdf', 'This work has demonstrated the need to shape a stable policy environment at the international level to foster trust in and adoption of AI in society.'),
    # Round 8, ninth set
    ('V06', 'within the scope of use', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf', 'It is important that AI business users always use the AI systems and services properly within the scope of use set by the AI providers and, as necessary, operate the AI systems.'),
    ('V12', 'scan for supply chain vulnerabilities', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Use an automated tool such as a ‘dependabot’ or ‘snyk’ to scan for supply chain vulnerabilities.'),
    ('V08', 'humans validate', True, 'uk_ai_playbook_for_government_2025_en.txt', 'This includes ensuring that humans validate any high-risk decisions influenced by AI and that you have strategies for meaningful intervention.'),
    # Round 9 (session 25), tenth set: manipulating people, people or society and the environment, private and family
    # life, control over how their data is used, regular evaluation of the system
    ('V02', 'manipulate them', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', 'For instance, an AI system that uses emotion recognition to support mentally disabled individuals in their daily life may also manipulate them into making harmful decisions, like purchasing products promising unrealistic mental health benefits.'),
    ('V04', 'society and the environment', True, 'au_national_framework_ai_assurance_government_2024_en.txt', 'Throughout their lifecycle, AI systems should benefit individuals, society and the environment'),
    ('V13', 'private and family life', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Examples of the rights most likely to be impacted are Article 8 (right to a private and family life) and Article 10 (freedom of expression).'),
    ('V13', 'control over how their public data', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'However, providing people with transparency and control over how their public data is used (i.e.'),
    ('V20', 'regularly evaluate gai system', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'MS-2.6-007 Regularly evaluate GAI system vulnerabilities to possible circumvention of safety measures.'),
    # Round 9, eleventh set: DPIAs, technical and software vulnerabilities, lower fees for SMEs, decisions delegated to
    # a person rather than an AI tool, equal access
    ('V13', 'dpia', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt', 'A DPIA should consider risks and impacts to individuals, the rights and freedoms of individuals, groups and society and map-out planned data processing activities.'),
    ('V12', 'technical vulnerabilities', True, 'un_ga_resolution_78_265_ai_2024_en.txt', '(c) Encouraging the incorporation of feedback mechanisms to allow evidence-based discovery and reporting by end-users and third parties of technical vulnerabilities and, as appropriate, misuses of artificial intelligence systems and artificial intelligence incidents following their development, testing and deployment to address them;'),
    ('V22', 'reducing those fees', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '2. The specific interests and needs of the SME providers, including start-ups, shall be taken into account when setting the fees for conformity assessment under Article 43, reducing those fees proportionately to their size, market size and other relevant indicators.'),
    ('V08', 'delegated to a decision maker', True, 'uk_ai_playbook_for_government_2025_en.txt', 'For example, it can help you determine whether a particular decision should be delegated to a decision maker, rather than letting an AI tool make an automated decision.'),
    # Round 9, twelfth set: communicating clearly, training staff, reporting vulnerabilities, international alignment
    ('V15', 'clearly communicate', True, 'au_national_framework_ai_assurance_government_2024_en.txt', 'Governments should clearly communicate the rights and protections of those impacted by each AI use case and create an avenue to voice concerns and objections and seek recourse and redress.'),
    ('V07', 'training to ensure all staff', True, 'au_national_framework_ai_assurance_government_2024_en.txt', 'Governments should establish policies, procedures, and training to ensure all staff understand their duties and responsibilities, understand system limitations and implement AI assurance practices.'),
    ('V12', 'reporting of issues and vulnerabilities', True, 'g7_hiroshima_process_guiding_principles_2023_en.txt', 'Organizations are encouraged to consider, for example, facilitating third-party and user discovery and reporting of issues and vulnerabilities after deployment.'),
    ('V05', 'alignment across sectors and international', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt', '29. Respondents noted the importance of regulatory alignment across sectors and international regimes.'),
    # Round 9, thirteenth set: benefiting all human beings, unacceptable practices, systems risk-assessed before
    # release, insecure code, an LLM asserting it is human, distinguishing AI-generated content (provenance), identifying
    # incidents, benefits outweighing risks, metrics to measure
    ('V01', 'benefit all human beings', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'Ideally, AI systems should be used to benefit all human beings, including future generations.'),
    ('V06', 'unacceptable social scoring practices', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', 'These unacceptable social scoring practices may be distinguished from lawful practices evaluating persons for legitimate specific purposes that do not fulfil these conditions and are in compliance with Union and national law.'),
    ('V11', 'risk-assessed', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt', 'We believe that all powerful and potentially dangerous systems should be thoroughly risk-assessed before being released.'),
    ('V12', 'insecure', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Treat all LLM-generated code as inherently insecure and never use it directly in production code without first doing a code review.'),
    ('V15', 'assert that it is human', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'Similarly, an LLM could falsely assert that it is human or has human traits, potentially deceiving humans into believing they are speaking with another human.'),
    ('V19', 'distinguish between ai-generated', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf', 'In addition to the development of international technology standards, the development of technology standards that can distinguish between AI-generated content and other content should be done.'),
    ('V20', 'identify gai incidents', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'These guidelines would help AI system operators identify GAI incidents across the AI lifecycle and with AI Actors regardless of role.'),
    ('V22', 'benefits outweigh', True, 'uk_ai_playbook_for_government_2025_en.txt', 'A risk assessment is critical in ensuring that AI projects are only undertaken if the potential benefits outweigh the risks.'),
    ('V22', 'metrics to measure', True, 'oecd_ai_recommendation_2019_en.pdf', 'd) Governments should also encourage the development, and their own use, of internationally comparable metrics to measure AI research, development and deployment, and gather the evidence base to assess progress in the implementation of these principles.'),
    ('V03', 'equal access to', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'This entails freedom from sovereign intrusion, but also requires intervention from government and non-governmental organisations to ensure that individuals or people at risk of exclusion have equal access to AI’s benefits and opportunities.'),
    # Round 10 (session 26), sets C and E of session 25 read: undermining autonomy, benefits available to all, text and
    # data mining (the lawfulness of training data), threat modelling, when a system fails, an assessment to be performed
    ('V02', 'undermining autonomy', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', '(128) Manipulation involves, in most cases, covert techniques undermining autonomy, leading individuals to make decisions they might not have otherwise made if they were fully aware of the influences at play.'),
    ('V03', 'available to all', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'The benefits of AI systems are many, and Europe needs to ensure that they are available to all.'),
    ('V09', 'text and data mining', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', 'Where the rights to opt out has been expressly reserved in an appropriate manner, providers of general-purpose AI models need to obtain an authorisation from rightsholders if they want to carry out text and data mining over such works.'),
    ('V12', 'threat modeling', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'Human-AI Configuration GV-3.2-005 Engage in threat modeling to anticipate potential risks from GAI systems.'),
    ('V17', 'if a system fails', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'This can lead to unrealistic expectations and overreliance on general-purpose AI systems, potentially causing harm if a system fails to deliver on expected capabilities.'),
    ('V20', 'impact assessment should be performed', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', 'The impact assessment should be performed prior to deploying the high-risk AI system, and should be updated when the deployer considers that any of the relevant factors have changed.'),
    # Round 10, sets H and I (passages of the shipped and other real PDFs): energy in watt-hours, co-ordinating
    # international policies, abusive imagery, e-learning, oversight and interventions, the quality of data, lives and
    # bodies, destructive actions, insider threats, malicious code, signposting AI, challenging outcomes, identifiers of
    # AI-generated material, evaluations of a model, assessing compliance, an advisory forum
    ('V04', 'gwh', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'Using H100 GPUs running at 1400 watts per GPU for operation and cooling, this consumes around 40 GWh.'),
    ('V05', 'co-ordinate domestic and international', True, 'oecd_ai_recommendation_2019_en.pdf', 'The Organisation provides a setting where governments can compare policy experiences, seek answers to common problems, identify good practice and work to co-ordinate domestic and international policies.'),
    ('V05', 'g7 partners', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt', 'Notably, the UK worked closely with G7 partners in negotiating the Codes of Conduct and Guiding Principles for the development of advanced AI systems, as part of the Hiroshima AI Process.'),
    ('V06', 'non-consensual intimate imagery', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'GAI can ease the production of and access to illegal non-consensual intimate imagery (NCII) of adults, and/or child sexual abuse material (CSAM).'),
    ('V07', 'e-learning', True, 'uk_ai_playbook_for_government_2025_en.txt', 'take the free e-learning courses available on Civil Service Learning'),
    ('V08', 'oversight and interventions', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'Techniques for identifying unusual behaviours from general-purpose AI systems can enable improved oversight and interventions.'),
    ('V09', 'quality and quantity of data', True, 'uk_ai_playbook_for_government_2025_en.txt', 'data quantity and quality: AI systems heavily rely on the quality and quantity of data to drive accuracy.'),
    ('V11', 'lives, bodies, propert', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf', 'Development that takes into consideration the lives, bodies, properties and minds of humans and the environment'),
    ('V11', 'irreversible actions', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Prevent generative AI responses automatically leading to destructive or irreversible actions, such as sending emails or modifying records.'),
    ('V12', 'insider threat', True, 'g7_hiroshima_process_code_of_conduct_2023_en.txt', 'This further includes establishing a robust insider threat detection program consistent with protections provided for their most valuable intellectual property and trade secrets, for example, by limiting access to proprietary and unreleased model weights.'),
    ('V12', 'malicious code', True, 'uk_ai_playbook_for_government_2025_en.txt', 'When the developer installs the package, they receive the malicious code.'),
    ('V15', 'signpost when ai', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Clearly signpost when AI has been used to create content, is interacting with members of the public, or is used in decision-making processes that impact members of the public.'),
    ('V16', 'channels and processes to challenge', True, 'au_national_framework_ai_assurance_government_2024_en.txt', 'This includes clearly communicating the channels and processes to challenge the use or outcomes of an AI system.'),
    ('V19', 'identifiers of ai-generated', True, 'uk_pro_innovation_ai_regulation_govt_response_2024_en.txt', '6. Identifiers of AI-generated Material – tools to mitigate the creation and distribution of deceptive AI-generated content by providing information about whether content has been AI generated or modified.'),
    ('V20', 'conduct evaluations of', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '1. The AI Office, after consulting the Board, may conduct evaluations of the general-purpose AI model concerned:'),
    ('V20', 'assess the compliance of', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '3. The provider examines the information contained in the technical documentation in order to assess the compliance of the AI system with the relevant essential requirements set out in Chapter III, Section 2.'),
    ('V21', 'advisory forum shall be established', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '1. An advisory forum shall be established to provide technical expertise and advise the Board and the Commission, and to contribute to their tasks under this Regulation.'),
    # Round 10, sets J and K: autonomy undermined, benefits fairly shared, AI never to be used to circumvent obligations,
    # reconsidering whether AI should be used, skills needed, skewed representation in datasets, preventing harmful
    # actions, poisoned models, disparities between groups, knowing one interacts with a machine, accuracy measurements
    ('V02', 'autonomy and free choices are undermined', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', 'This implies a substantial impact on the behaviour where a person’s autonomy and free choices are undermined, rather than a minor influence.'),
    ('V06', 'should, in no circumstances, be used', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', 'The use of AI systems in migration, asylum and border control management should, in no circumstances, be used by Member States or Union institutions, bodies, offices or agencies as a means to circumvent their international obligations under the UN Convention relating to the Status of Refugees done at Geneva on 28 July 1951 as amended by the Protocol of 31 January 1967.'),
    ('V06', 'if ai should be used', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Where these risks are too high, you must reconsider if AI should be used at all.'),
    ('V07', 'skills and expertise needed', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Principle 9: You have the skills and expertise needed to implement and use AI'),
    ('V09', 'skewed representation', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'Understanding issues of representation within datasets, models, and evaluation methods such as RLHF is crucial, as skewed representation can lead to biased outputs in AI models.'),
    ('V11', 'mitigating harmful actions', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'There are also complementary techniques for monitoring and mitigating harmful actions from general-purpose AI systems.'),
    ('V12', 'poisoned models', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Poisoned models could push people to particular products or subvert confidence in government services.'),
    ('V14', 'disparity between groups', True, 'nist_ai_600_1_genai_profile_2024_en.pdf', 'When the mechanism for potential harm is a disparity between groups, it can be difficult to establish what the most appropriate baseline is to compare against, which can result in divergent views on when a disparity between AI behaviors for different subgroups constitutes a harm.'),
    ('V15', 'know if they are directly interacting with', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'Human beings should always know if they are directly interacting with another human being or a machine, and it is the responsibility of AI practitioners that this is reliably achieved.'),
    ('V17', 'accuracy measurements', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf', 'Accuracy measurements may include disaggregation of results for different data segments.'),
    # Round 10, sets L and M: marginalised groups, international co-operation (hyphenated), circumventing a prohibition,
    # fraudsters, people able to oversee, verifying generated information, purpose limitation, meaningful information,
    # hallucinations, incorrect outputs, data that change over time, assurance measures, stakeholder impact assessments
    ('V03', 'marginalised', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'including unequal resource allocation and discriminatory decisions against marginalised groups'),
    ('V05', 'international co-operation', True, 'oecd_ai_recommendation_2019_en.pdf', 'Section 2: National policies and international co-operation for trustworthy AI'),
    ('V06', 'circumvention of the prohibition', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', 'Untargeted scraping should be interpreted in a manner that does not allow circumvention of the prohibition.'),
    ('V06', 'fraudsters', True, 'uk_ai_playbook_for_government_2025_en.txt', 'LLMs make it easy for fraudsters to create convincing phishing emails and messages in different languages, even those they do not speak.'),
    ('V08', 'natural persons can oversee', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '(73) High-risk AI systems should be designed and developed in such a way that natural persons can oversee their functioning, ensure that they are used as intended and that their impacts are addressed over the system’s lifecycle.'),
    ('V08', 'verify the information generated by', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Verify the information generated by AI systems to ensure it’s accurate.'),
    ('V13', 'data collected and processed in this context may not be used for any other purpose', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', '167 Data collected and processed in this context may not be used for any other purpose.'),
    ('V15', 'provide meaningful information', True, 'oecd_ai_recommendation_2019_en.pdf', 'To this end, they should provide meaningful information, appropriate to the context, and consistent with the state of art:'),
    ('V17', 'hallucinations', True, 'uk_ai_playbook_for_government_2025_en.txt', 'Hallucinations are when the generative AI model responds with information that appears to be truthful but is actually false.'),
    ('V17', 'outputs being incorrect', True, 'uk_ai_playbook_for_government_2025_en.txt', 'You also need to factor in the possibility of outputs being incorrect and the impact this may have on any decisions.'),
    ('V17', 'data that can change over time', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf', 'AI systems, for example, may be trained on data that can change over time, sometimes significantly and unexpectedly, affecting system functionality and trustworthiness in ways that are hard to understand.'),
    ('V20', 'assurance measures', True, 'uk_dsit_introduction_to_ai_assurance_2024_en.txt', 'The Bletchley Declaration, signed by countries that attended the November 2023 UK AI Safety Summit, recommended that firms implement assurance measures.'),
    ('V20', 'algorithmic and stakeholder impact assessments', True, 'au_national_framework_ai_assurance_government_2024_en.txt', 'Methods such as algorithmic and stakeholder impact assessments may assist.'),
    # Round 10, sets P and Q: a manner prohibited by Article 5, the expected scope of use, a high level of accuracy,
    # adversarial training, critical thinking, assisting human decisions, the level of risk, harmful outputs, regulatory oversight
    ('V06', 'prohibited by article 5', True, 'eu_commission_guidelines_prohibited_ai_practices_2025_en.pdf', 'While the harm often arises from the way the AI systems are used in practice, providers also have a responsibility not to place on the market or put into service AI systems, including general-purpose AI systems, that are reasonably likely to behave or be directly used in a manner prohibited by Article 5 AI Act.'),
    ('V06', 'within the expected scope of use', True, 'jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf', ' Use AI within the expected scope of use set by AI developers ("2) Safety").'),
    ('V17', 'high level of accuracy', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', 'A high level of accuracy is especially crucial in situations where the AI system directly affects human lives.'),
    ('V17', 'adversarial training', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'While adversarial training is a valuable tool, it is not sufficient by itself (219).'),
    ('V07', 'critical thinking', True, 'nist_ai_rmf_1_0_ai_100_1_2023_en.pdf', 'GOVERN 4.1: Organizational policies and practices are in place to foster a critical thinking and safety-first mindset in the design, development, deployment, and uses of AI systems to minimize potential negative impacts.'),
    ('V08', 'assist human decisions', True, 'uk_ai_playbook_for_government_2025_en.txt', 'For example, the technologies are currently used only to assist human decisions and our reviewers are fully trained to understand the ethical and legal aspects of their work.'),
    ('V11', 'level of risk raised by', True, 'eu_hleg_ethics_guidelines_trustworthy_ai_2019_en.pdf', ' Did you consider the level of risk raised by the AI system in this specific use case?'),
    ('V11', 'leading to potentially harmful outputs', True, 'intl_scientific_report_safety_advanced_ai_interim_2024_en.txt', 'c. General-purpose AI systems can act in accordance with unintended goals, leading to potentially harmful outputs, despite testing and mitigation efforts by AI developers.'),
    ('V21', 'regulatory oversight', True, 'eu_ai_act_regulation_2024_1689_oj_en.pdf', '(138) AI is a rapidly developing family of technologies that requires regulatory oversight and a safe and controlled space for experimentation, while ensuring responsible innovation and integration of appropriate safeguards and risk mitigation measures.'),
]


def _scores(text: str) -> dict[str, tuple[bool, list[str]]]:
    s = score_passages(pd.DataFrame({"doc_id": ["d"], "passage_id": ["d:0"], "text": [text]}))
    return {r.value_code: (bool(r.supports), [m.lower() for m in r.matched.split("; ")]) for r in s.itertuples()}


@pytest.mark.parametrize("value, evidence, supports, source, text", PARAPHRASES,
                         ids=[f"{v}-{e[:40]}" for v, e, *_ in PARAPHRASES])
def test_codebook_paraphrase_is_evidence(value, evidence, supports, source, text):
    got = _scores(text)
    assert value in got, f"{value} not matched at all"
    ok, matched = got[value]
    assert evidence.lower() in matched
    if supports:
        assert ok


# The same for Japanese (session 22): codebook phrases written as plain sentences, each found in a shipped seed
# document (data/raw) that the lexicon did not code with the value before.
PARAPHRASES_JA = [
    ('V19', '電子透かし', 'ai_institutional_study_group_interim_report_2025_ja.md',
     '電子透かしはAIが生成したことを示す識別情報をコンテンツに埋め込む技術で、例えば「SynthID」等の技術が存在する。'),
    ('V15', 'AIを利用したサービスであることを顧客に通知', 'ai_institutional_study_group_interim_report_2025_ja.md',
     '偽・誤情報対策等として、他国において、AIを利用したサービスであることを顧客に通知することや、AIで作成したコンテンツにAI生成であると表示することを、一部義務付けている例があり注視する必要がある。'),
    ('V11', '事故を防ぐ', 'ai_guidelines_for_business_v1_01_draft_ja.txt',
     'また、人間の判断を介在させることにより、人間の尊厳及び自律を守りながら予期せぬ事故を防ぐことも可能となる。'),
    ('V03', '多様な背景', 'ai_guidelines_for_business_v1_01_draft_ja.txt',
     'ステークホルダーが意図しない又は感知できないバイアスや、無意識のバイアス及び潜在的なバイアス（学習データには表れないバイアス）²⁹に留意し、多様な背景、文化又は分野のステークホルダーと対話した上で、方針を決定する'),
    # Round 8 (session 24): the actors' resource constraints and burden (V22), reported incidents, international
    # consistency of rules, proper purposes, a better human society, compensation of damage, models linked together
    ('V22', '資源制約', 'ai_guidelines_for_business_v1_01_draft_ja.txt',
     'なお、これらの取組は、各主体が開発・提供・利用するAIシステム・サービスの特性、用途、目的及び社会的文脈を踏まえ、各主体の資源制約を考慮しながら自主的に進めることが重要である。'),
    ('V22', '事業者の負担', 'ai_institutional_study_group_interim_report_2025_ja.md',
     'また、広く事業者一般を対象とする制度を検討する際には、スタートアップ企業も含め、どのような規模の事業者であっても対応可能なものとなるよう、制度への対応に伴う事業者の負担を考慮する必要がある。'),
    ('V20', '報告されたインシデント', 'ai_guidelines_for_business_v1_01_draft_ja.txt',
     '他の利害関係者と協力して、報告されたインシデントの適切な文書化を維持し、特定されたリスクと脆弱性を軽減することが奨励される'),
    ('V05', '国際的な基準', 'ai_institutional_study_group_interim_report_2025_ja.md',
     '国際的な基準や規格を作る活動は、将来の世界的な市場においてAIシステムの相互運用性を確保するために重要であり、積極的かつ戦略的に対応する必要がある。'),
    ('V06', '適切な目的で', 'ai_guidelines_for_business_v1_01_draft_ja.txt',
     '適切な目的でAIシステム・サービスが利用されているかを定期的に検証する(「2)安全性」)'),
    ('V01', '人間社会をよりよい', 'ai_guidelines_for_business_v1_01_draft_ja.txt',
     '同時に、AI活用に取り組む全ての事業者は、AIが社会にもたらす影響の大きさを認識し、人間社会をよりよいものへと発展させるために活用することを意識すべきである。'),
    ('V18', '損害の補填', 'ai_network_society_hearing_summaries_2020_2021_ja.txt',
     'AIのリスク特性を踏まえ、損害の補填等を目的として、様々な保険商品が開発されることは、AIを利活用するにあたってのセーフティネットを整備する取組として重要。'),
    ('V10', 'モデルの連結', 'ai_network_society_joint_meeting_minutes_2025_03_ja.txt',
     'また中川構成員からのご発言にもあったとおり、スモールランゲージモデルの連結によっても複雑な動きが予想されるため、その点に関して契約の在り方等含め検討しなければならないと思う。'),
    # Round 8, third set (Japanese passages of the seeds coded blind)
    ('V21', 'ソフトロー', 'ai_institutional_study_group_interim_report_2025_ja.md', '(2) 法令の適用とソフトローの活用'),
    ('V08', '自動化バイアス', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'なおその際には、人間の判断が自動化バイアスに左右されないような対策²⁸を講じるべきである'),
    ('V20', '第三者による認証', 'ai_institutional_study_group_interim_report_2025_ja.md', 'また、事業者が自主的に取り組む安全性評価や第三者による認証などを活用することも一つの有効な手段となると考えられる。'),
    ('V15', '情報をAI利用者に提供', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'AI利用者に適正利用を促し、以下の情報をAI利用者に提供する(「7)アカウントビリティ」)'),
    ('V05', '国際的な技術規格', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'X. 国際的な技術規格の開発を推進し、適切な場合にはその採用を推進する'),
    ('V03', '社会的弱者の保護', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '民主的価値の維持や人権の尊重、子どもや社会的弱者の保護等、リスクに対処するための優先的な研究、協力等を行うべき。'),
    ('V22', '事業者の活動にもたらす影響', 'ai_institutional_study_group_interim_report_2025_ja.md', '上記の政府による指針の整備・対応やAIに関する実態の調査・把握にあたっては、事業者による自主的な対応も重要であるが、実効性を確保することが必要であるため、事業者の活動にもたらす影響等を考慮しつつ、法制度により実施すべきである。'),
    ('V01', '人権を侵す', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '各主体は、AIシステム・サービスの開発・提供・利用において、後述する各事項を含む全ての取り組むべき事項が導出される土台として、少なくとも憲法が保障する又は国際的に認められた人権を侵すことがないようにすべきである。'),
    ('V18', '免責', 'ai_network_society_joint_meeting_minutes_2025_03_ja.txt', 'リスクを分類し、企業における適切な組織体制のもとで適切なリスク探索を行ったとしても、開発や運用段階でそのリスクを認知できなかったということも起こり得ると思うが、そうしたリスクについては免責し、過剰な委縮効果を防止するということも含意されていると理解して良いか。'),
    # Round 8, fourth set
    ('V17', 'ハルシネーション', 'ai_institutional_study_group_interim_report_2025_ja.md', 'ハルシネーション(AIが虚偽の情報を作成) 生成AIが虚偽の情報を作成し利用者を誤解させる民法(不法行為、契約)'),
    ('V06', '意図する利用範囲', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '開発時に想定していないAIの提供・利用により危害が発生することを避けるためのAI開発者が意図する利用範囲(「2)安全性」)'),
    ('V05', 'DFFT', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'DFFT等の国際議論の動向の参照、AI開発者コミュニティ又は学会への参加の取組等、国際化・多様化及び産学官連携を推進する'),
    ('V20', '品質保証や評価を実施', 'ai_network_society_report_2022_summary_ja.txt', '自社において品質保証や評価を実施するためのプロセス'),
    # Round 9 (session 25), tenth set
    ('V06', 'デュアルユース', 'ai_institutional_study_group_interim_report_2025_ja.md', 'また、AIにはデュアルユース技術の側面もあり、CBRN(Chemical [化学]・Biological [生物]・Radiological [放射性物質]・Nuclear [核]を用いた兵器等)の開発やサイバー攻撃等にAIが使用される安全保障上のリスクも指摘されている。'),
    ('V12', 'システム・サービスに対する攻撃', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'AIシステム・サービスに対する攻撃手法も数多く生まれているため、最新のリスク及びそれに対応するために提供の各工程で気を付けるべき点の動向を確認する。'),
    ('V20', '事実究明', 'ai_institutional_study_group_interim_report_2025_ja.md', 'すなわち、国内で利用されるAIについて、国民の権利利益を侵害するなどの重大な問題が生じた場合、あるいは生じる可能性が高いことが検知された場合において、その原因等に関する事実究明を行い、必要に応じて関係者に対する指導・助言を行い、得られた情報の国民に対する周知を図るべきである。'),
    ('V21', '体制を整える', 'ai_institutional_study_group_interim_report_2025_ja.md', '特に、AIは世界中で急速な技術革新が起きており、政府は迅速な状況の把握と対応が可能となるよう体制を整える必要がある。'),
    ('V21', 'マネジメントシステム', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '④ その上で、リスクアセスメント等をはじめとして、AIマネジメントシステムが有効に機能しているかを継続的にモニタリングし、「評価」及び継続的改善を実施する'),
    ('V17', '品質・信頼性', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'AIの品質・信頼性、開発の方法論等の研究開発を行う'),
    ('V15', 'aiが生成したコンテンツを識別', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'VII. 技術的に可能な場合は、電子透かしやその他の技術等、AI利用者及び業務外利用者が、AIが生成したコンテンツを識別できるようにするための、信頼できるコンテンツ認証及び来歴のメカニズムを開発し、導入する'),
    ('V15', '情報提供を平易かつアクセスしやすい形で行う', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '関連するステークホルダーの性質に応じて合理的な範囲で、適正な利用方法を含む情報提供を平易かつアクセスしやすい形で行う(「7)アカウントビリティ」)'),
    # Round 9, eleventh set
    ('V12', '機密情報', 'ai_institutional_study_group_interim_report_2025_ja.md', '政府がAIを利用するにあたっては、機密情報の取扱い等には注意が必要であり、上記のような申合せ等を遵守し'),
    ('V19', '透かし', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '透かし等を通じた特定のコンテンツが高度なAIシステムで作成されたかどうかをAI利用者及び業務外利用者が判断できるツールやAPIの開発に努める'),
    ('V17', '予期しない環境', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '様々な状況下で予想される利用条件下でのパフォーマンスだけでなく、予期しない環境での利用にも耐える性能の要求'),
    ('V09', '代表的なデータ', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'AIモデルからバイアスを完全に排除できないことを踏まえ、AIモデルが代表的なデータセットで学習され、AIシステムに不公正なバイアスがないか点検されることを確保する(「3)公平性」)'),
    ('V06', '想定していないaiの提供・利用', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '開発時に想定していないAIの提供・利用により危害が発生することを避けるため、安全に利用可能なAIの使い方について明確な方針・ガイダンスを設定する(「2)安全性」)'),
    ('V15', 'ポリシーを公表', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '適切な場合には、プライバシーポリシーを公表する'),
    ('V11', 'リスクや脆弱性に対処', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '多様/独立した内外部テスト手段を採用することや、特定されたリスクや脆弱性に対処するための適切な緩和策を実施する'),
    # Round 10 (session 26), Japanese sets C and D of session 25 read
    ('V06', 'サービス規約を遵守', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'AI提供者が定めたサービス規約を遵守する(「7)アカウントビリティ」)'),
    ('V07', 'aiの基礎知識', 'ai_institutional_study_group_interim_report_2025_ja.md', '事業者がAIの基礎知識等を学べる環境を整備することも重要である。'),
    ('V08', '自動的に採用', 'ai_institutional_study_group_interim_report_2025_ja.md', 'ただし、国民の権利利益に重大な影響を及ぼしかねないものについては、AIの出力結果を自動的に採用することのリスク'),
    ('V09', 'データが適切である', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '正確性・必要な場合には最新性(データが適切であること)等が担保されたデータの入力を行う(「2)安全性」)'),
    ('V12', '内部脅威', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '無許可で公開されるリスク等に対応するための対策、知的財産や企業秘密の保護と整合性のある強固な内部脅威検知プログラムの確立すべき'),
    ('V15', '文書化・公表', 'ai_guidelines_for_business_v1_01_draft_ja.txt', '関連するステークホルダーがAIシステムの出力を解釈し、AI利用者や業務外利用者が適切に活用できるようにするために、明確で理解可能な形で文書化・公表する'),
    ('V15', 'aiシステムと相互作用していること', 'ai_guidelines_for_business_v1_01_draft_ja.txt', 'AI利用者及び業務外利用者がAIシステムと相互作用していることを知ることができるよう、ラベリングや免責事項の表示等、その他の仕組みを導入することが奨励される'),
]


@pytest.mark.parametrize("value, evidence, source, text", PARAPHRASES_JA, ids=[f"{v}-{e}" for v, e, *_ in PARAPHRASES_JA])
def test_codebook_paraphrase_is_evidence_ja(value, evidence, source, text):
    assert _flat(text) in _flat((RAW / source).read_text(encoding="utf-8"))
    ok, matched = _scores(text).get(value, (False, []))
    assert ok and evidence.lower() in matched


def _flat(s: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFKC", s)).lower()


@pytest.mark.parametrize("source", sorted({r[3] for r in PARAPHRASES if not r[3].endswith(".pdf")}))
def test_sentences_come_from_the_shipped_texts(source):
    """The sentences of the text and Markdown sources are in the shipped files (PDF sentences are as ingested)."""
    flat = _flat((OVERSEAS / source).read_text(encoding="utf-8"))
    missing = [t for *_, s, t in PARAPHRASES if s == source and _flat(t) not in flat]
    assert not missing


# Look-alikes of the added terms in shipped sentences, which the exclusions and furniture rules keep out: a NIST AI
# 600-1 risk tag on its own (a label ended by a semicolon is furniture like a list of them), the authorities named
# by "market surveillance" (the codebook's names of bodies), and risks to privacy (V13, not the V11 "risks to people").
@pytest.mark.parametrize("value, text", [
    ("V11", "CBRN Information or Capabilities;"),
    ("V14", "Harmful Bias and Homogenization;"),
    ("V20", "For that purpose, the Commission shall provide Member States and national market surveillance and data "
            "protection authorities with a template, including information on the number of the decisions taken by "
            "competent judicial authorities or an independent administrative authority whose decision is binding upon "
            "requests for authorisations in accordance with paragraph 3 and their result."),
    ("V11", "General-purpose AI systems present a number of risks to people’s privacy, such as loss of data "
            "confidentiality, transparency and control over how data is used, and new forms of privacy abuse."),
    # "information" is not "informed" (content labelled as AI-generated), and a use that "might be prohibited" by
    # other laws is not a prohibited use of AI
    ("V15", "Verify the information generated by AI systems to ensure it’s accurate."),
    ("V06", "As for the handling of data, note that the use of some data might be prohibited by a contract between "
            "stakeholders, even when it is not stipulated by laws."),
    # harmonisation inside the Union is not international cooperation; the limits of AI in general, said to staff,
    # are not a disclosure about a system; a model used for internal processes is not an organisation's governance
    ("V05", "1. In order to avoid fragmentation across the Union, the Commission shall adopt implementing acts specifying "
            "the detailed arrangements for the establishment, development, implementation, operation and supervision of "
            "the AI regulatory sandboxes."),
    ("V15", "Given the current limitations of AI, and their ethical, legal and social implications, there are use cases "
            "that are not appropriate and which should be avoided in the public sector."),
    ("V21", "The obligations laid down for models should in any case not apply when an own model is used for purely "
            "internal processes that are not essential for providing a product or a service to third parties and the "
            "rights of natural persons are not affected."),
    # Round 7: a use "for purposes other than law enforcement" is not a use outside the system's purpose; "responsible
    # disclosure" in the OECD's sense is transparency, not vulnerability disclosure; public data in a machine-readable
    # format is not content marking; "grievous bodily injury" in a list of offences is not a safety risk of AI
    ("V06", "Such use for purposes other than law enforcement should therefore not be subject to the requirement of an "
            "authorisation under this Regulation and the applicable detailed rules of national law that may give effect "
            "to that authorisation."),
    ("V12", "AI Actors should commit to transparency and responsible disclosure regarding AI systems."),
    ("V19", "To improve public data access and manage security risks, and consistent with the objectives of the Open, "
            "Public, Electronic, and Necessary Government Data Act (title II of Public Law 115–435) to expand public "
            "access to Federal data assets in a machine-readable format while also taking into account security "
            "considerations"),
    ("V11", "— murder, grievous bodily injury,"),
    # 「多様な背景」 named as a ground of discrimination is fairness (V14), not diversity
    ("V03", "各主体は、AIシステム・サービスの開発・提供・利用において、特定の個人ないし集団への人種、性別、国籍、年齢、政治的信念、"
            "宗教等の多様な背景を理由とした不当で有害な偏見及び差別をなくすよう努めることが重要である。"),
    # Round 7, second set: bias "feedback loops" of a learning system are not feedback channels for monitoring;
    # outputs "consistent with" earlier results are not consistent performance; a document titled "… for
    # International Discussions" is a title
    ("V20", "High-risk AI systems that continue to learn after being placed on the market or put into service shall be "
            "developed in such a way as to eliminate or reduce as far as possible the risk of possibly biased outputs "
            "influencing input for future operations (feedback loops)"),
    ("V17", "Finally, it must be ensured that the outputs or actions are consistent with the results of the preceding "
            "processes, comparing them to the previously defined policies to ensure that they are not violated."),
    ("V05", 'On this understanding, the "Draft AI R&D Guidelines for International Discussions" and "AI Utilization '
            'Guidelines: Practical Reference for AI Utilization" were established and announced.'),
    # "AI leads to …" is a verb, not an AI lead appointed
    ("V21", "(142) To ensure that AI leads to socially and environmentally beneficial outcomes, Member States are "
            "encouraged to support and promote research and development of AI solutions."),
    # Round 7, fifth set: a cited title ("Social Principles of Human-Centric AI", a "Paper on …"), the risk of privacy
    # intrusion (V13, not V11), compensating controls, public health surveillance, an unbiased opinion, securing
    # leadership, words inside a URL the layout broke (responsibility that is not answerability: a test below)
    ("V01", 'To embody this concept and enable the society to accept AI and use it appropriately, "Social Principles of '
            'Human-Centric AI" was established in March 2019.'),
    ("V21", "These concerns were highlighted in our earlier Discussion Paper on Generative AI: Implications for Trust and "
            "Governance,"),
    ("V11", "Be aware that organisations developing and deploying AI systems must consider the principles of data "
            "protection and minimise the risk of privacy intrusion from the outset."),
    ("V18", "Options may include recalibration, impact mitigation, or removal of the system from design, development, "
            "production, or use, as well as a range of compensating, detective, deterrent, directive, and recovery controls."),
    ("V13", "Public health surveillance systems track outbreaks of disease across regions."),
    ("V14", "The review gave an objective and unbiased opinion on the appropriateness of the process."),
    ("V12", "Japan must strive to secure international leadership in AI related fields."),
    ("V12", "8 A provider has initiated some elements of this. See https://learn.example.com/en-us/azure/ "
            "security/fundamentals/shared-responsibility-ai"),
    # Round 7, sixth set: issues that are "interconnected", responsible meaning ethical ("lawful and responsible"),
    # venues and forums of reference lists, an unpredictable future
    ("V10", "These issues are interconnected and need to be viewed in a practical and holistic manner."),
    ("V16", "Your use of AI tools must be lawful and responsible."),
    ("V18", "Your use of AI tools must be lawful and responsible."),
    ("V12", "In: IEEE Symposium on Security and Privacy."),
    ("V13", "In: IEEE Symposium on Security and Privacy."),
    ("V13", "BSA | The Software • Future of Privacy Forum"),
    ("V17", "This analysis will also consider how the unpredictable way future capabilities and risks may emerge could "
            "also expose further gaps in the regulatory landscape."),
    # a footnote block of short references (the codebook's reference list)
    ("V20", "32 The AI Standards Hub, AI Standards Hub, 2022. 33 Portfolio of AI Assurance Techniques, Department for "
            "Science, Innovation and Technology, 2023."),
    # Round 8 (session 24): "informed by" meaning guided by; the diversity of content; education and research
    # institutions and UNESCO's name; interoperability of norms (V05, not V10); the Japanese name of a convention;
    # an uncertain outlook (不透明); health-care costs; security staff; a post named 事業執行責任者
    ("V15", "GOVERN 3.1: Decision-making related to mapping, measuring, and managing AI risks throughout the lifecycle is "
            "informed by a diverse team (e.g., diversity of demographics, disciplines, expe-rience, expertise, and backgrounds)."),
    ("V15", "It will ensure the UK’s iterative regulatory framework for AI is informed by the latest expertise and lay the "
            "foundation for technically grounded international governance of advanced AI."),
    ("V03", "なお、RAG(検索拡張生成)を活用した場合には生成AIによる回答の収束が加速する可能性が高いため、例えばコンテンツの多様性・独創性を"
            "必要とする業務については、RAG(検索拡張生成)の活用が適切ではない場合もあることに留意が必要である。"),
    ("V07", "なお、AIに関係する事業者以外の者、例えば、教育・研究機関に属する者及び一般消費者(未成年を含む)にとっても、AIの活用にあたって"
            "参考となる情報及びリスクに関する情報が盛り込まれているため、有用といえる。"),
    ("V07", "ユネスコ(UNESCO:国際連合教育科学文化機関)AI倫理勧告を採択(2021年11月9日~24日)"),
    ("V07", "柿沼由佳公益社団法人全国消費生活相談員協会消費者教育研究所副所長"),
    ("V10", "このような状況において、満たすべき安全性等に係る国際的な規範と我が国において適用される規範の相互運用性が確保されている場合、"
            "我が国の事業者が円滑に海外市場に進出できるほか、我が国の国民が全世界のAIサービスにアクセスすることが可能となるため、"
            "国際整合性・相互運用性の確保は重要である。"),
    ("V02", "正式名称は「The Council of Europe Framework Convention on Artificial Intelligence and Human Rights, Democracy, and "
            "the Rule of Law」であり、「人工知能 (AI) と人権、民主主義及び法の支配に関する欧州評議会枠組条約」は和訳名の仮称。"),
    ("V15", "アメリカのトランプ政権誕生によって状況がどう変わるか不透明ではあるものの、技術監査や運用監査についての議論が活発になりつつあり、"
            "その際はIEEEやISOが関与する可能性もあるため、情報を整理しておく必要があるということが念頭に置かれ、基本的施策に含まれている。"),
    ("V22", "The AI-enabled exploitation of children’s vulnerabilities may have long-term societal impacts, including increased "
            "prevalence of mental health concerns, healthcare costs, and reduced productivity due to chronic health issues."),
    ("V12", "(270) Such systems will often screen persons that are there in a work context, for example the security staff at a "
            "football stadium or at a central station (where such systems are used to recognize aggressive behaviour), or "
            "employees in the medical field."),
    ("V16", "なお、経営者を含む事業執行責任者は、その職務を全うするために、本ガイドラインにおける「基本理念」(why)及び指針(what)を踏まえて、"
            "事業戦略と一体でAIを活用する際のリスク対策を検討・実践し、AIの安全安心な活用を推進することが重要である。"),
    # Round 8, third set: reliable electric power, equity in law, education as a characteristic, the inclusion of
    # bias in data, the NIST lifecycle stage, trade surveillance, a job title, a sustainable scheme, a pointer to
    # another document, a disclaimer (免責事項)
    ('V22', '(i) issue a public report describing the potential for AI to improve planning, permitting, investment, and operations for electric grid infrastructure and to enable the provision of clean, affordable, reliable, resilient, and secure electric power to all Americans;'),
    ('V12', '(i) issue a public report describing the potential for AI to improve planning, permitting, investment, and operations for electric grid infrastructure and to enable the provision of clean, affordable, reliable, resilient, and secure electric power to all Americans;'),
    ('V14', '(c) This order is not intended to, and does not, create any right or benefit, substantive or procedural, enforceable at law or in equity by any party against the United States, its departments, agencies, or entities, its officers, employees, or agents, or any other person.'),
    ('V07', 'That score is based on relevant personal characteristics, such as age and education, but also variables collected or inferred from data and contexts with no apparent connection to the purpose of evaluation, such as marital status, health data for chronic diseases, addiction, etc.'),
    ('V03', 'Data sets used by AI systems (both for training and operation) may suffer from the inclusion of inadvertent historic bias, incompleteness and bad governance models.'),
    ('V20', 'The decision to retire an AI system from operation may occur at any point during the operation and monitoring phase.'),
    ('V13', 'For example, generative AI is used in medicine to test molecular structures for drug discovery, and in the financial sector to generate multimodal data surfaces approximating trading and market conditions in order to test safety, security, trading and trade surveillance models.'),
    ('V12', '松原実穂子日本電信電話株式会社チーフ・サイバーセキュリティ・ストラテジスト'),
    ('V04', 'AIの評価や認証を実施する場合には、利用者や利用目的に従ってレベルを設けることや、一定の安全性を確認するための利用者の負担が軽減する仕組みや評価・認証を実施する機関を認定する仕組みを構築できれば、より効果的で持続可能な制度となると考えられる。'),
    ('V05', '詳細は、G7デジタル・技術大臣会合(2023年12月)で採択された「広島AIプロセスG7デジタル・技術閣僚声明」における「広島AIプロセス包括的政策枠組み」の「II. 全てのAI関係者向け及び高度なAIシステムを開発する組織向けの広島プロセス国際指針」を参照。https://www.soumu.go.jp/menu_news/s-news/01tsushin06_02000283.html'),
    ('V18', 'AI利用者及び業務外利用者がAIシステムと相互作用していることを知ることができるよう、ラベリングや免責事項の表示等、その他の仕組みを導入することが奨励される'),
    # Round 8, fourth set: using and interacting with AI (no one is told anything), reproducible tools, a working
    # group's name, equitable access (V03, not fairness)
    ('V15', 'They should empower people to effectively use and interact with AI systems across the breadth of applications, including by equipping them with the necessary skills.'),
    ('V17', 'This project includes the development of open and reproducible tools to help project teams meet ethical and regulatory best practices in health research and healthcare for a range of data-driven technologies.'),
    ('V21', '→ AIガバナンス作業部会初回会合において、2022年度の議長及び副議長(日本を含む。)'),
    ('V14', '2. Resolves to promote safe, secure and trustworthy artificial intelligence systems to accelerate progress towards the full realization of the 2030 Agenda for Sustainable Development, 10 further bridging the artificial intelligence and other digital divides between and within countries; and stresses the need for the standard of safe, secure and trustworthy artificial intelligence systems to promote, not hinder, digital transformation and equitable access to their benefits in order to achieve all 17 Sustainable Development Goals and sustainable development in its three dimensions – economic, social and environmental – and address other shared global challenges, particularly for developing countries;'),
    # Round 8, fifth set: a body's name (Supervisor), a terrorist attack, assessing a person's risk of reoffending, the
    # NIST actor task 'Operation and Monitoring', complying with laws and regulations, a domestic public-private
    # partnership, 'the explanations below'
    ('V13', 'Due to the specific nature of Union institutions, agencies and bodies falling within the scope of this Regulation, it is appropriate to designate the European Data Protection Supervisor as a competent market surveillance authority for them.'),
    ('V12', 'Those situations involve the search for certain victims of crime including missing persons; certain threats to the life or to the physical safety of natural persons or of a terrorist attack; and the localisation or identification of perpetrators or suspects of the criminal offences listed in an annex to this Regulation, where those criminal offences are punishable in the Member State concerned by a custodial sentence or a detention order for a maximum period of at least four years and as they are defined in the law of that Member State.'),
    ('V11', 'The use of an AI system that assesses the risk whether a prisoner should receive the benefit of an early release.'),
    ('V20', 'AI Actor Tasks: AI Deployment, Operation and Monitoring'),
    ('V21', 'Trustworthy AI has three components: (1) it should be lawful, ensuring compliance with all applicable laws and regulations, (2) it should be ethical, ensuring adherence to ethical principles and values and (3) it should be robust, both from a technical and social perspective since to ensure that, even with good intentions, AI systems do not cause any unintentional harm.'),
    ('V05', '(a) To develop and strengthen public-private partnerships for advancing innovation, commercialization, and risk-mitiga-tion methods for AI, and to help promote safe, responsible, fair, privacy-protecting, and trustworthy AI systems, the Director of NSF shall take the following steps:'),
    ('V15', 'The explanations below should all be taken for the use of the term in the context of AI or general-purpose AI.'),
    # Round 8, ninth set: a URL path cut from its host, a paper cited with its conference
    ('V12', 'au/responsibilities/ict-digital-cyber-security/policies-and-guidelines/artificial-intelligence ——(n.d.)'),
    ('V15', 'An Interpretability Illusion for Subspace Activation Patching" in The 12th International Conference on Learning Representations (ICLR 2024) (2023).'),
    # Round 9, tenth set: the harms to "humans and the environment" are safety, control over a model and its data is
    # not privacy, the justice system is not fairness
    ('V04', '(1) Taking into consideration the lives, bodies, properties and minds of humans and the environment'),
    ('V13', 'The advantage is that you have complete control over the model and the data it consumes.'),
    ('V14', 'This may also undermine public trust in law enforcement and the justice system in general.'),
    # Round 9, eleventh set: data protection rights are privacy, "dual-use foundation model" names a class of models
    # (EO 14110), a heart attack and a person's vulnerabilities are not security, domestic public-private cooperation
    # is not international, the improper use of personal information is privacy
    ('V02', 'If your assessment indicates that there’s a high risk to the data protection rights of individuals, and that you’re unable to sufficiently reduce these risks, you must consult the ICO.'),
    ('V06', '(i) risks associated with actors fine-tuning dual-use foundation models for which the model weights are widely available or removing those models’ safeguards;'),
    ('V12', 'However, if the chatbot exploits individual vulnerabilities to adopt unhealthy habits, users may suffer significant harm (e.g., a heart attack, or other serious health problem).'),
    ('V05', 'これらの実施にあたっては、事業者を含む関係各主体からの情報共有や協力が必須であることから、官民が協調して取り組むことが必要である。'),
    ('V06', 'また、個人情報の不適正な利用等の防止を始めとするプライバシー保護を行うことが重要である。'),
    # Round 9, twelfth set: the OECD's "responsible disclosure" is transparency about AI, securing diversity or consent
    # is not security, education in a list of public services is a sector, UN resolutions recalled by number and date
    # and a named portfolio of techniques are titles, the person in charge named by post is no responsibility
    ('V12', 'AI Actors should commit to transparency and responsible disclosure regarding AI systems.'),
    ('V12', 'Securing diversity of research (and researchers) to strengthen the intellectual basis of emergent research'),
    ('V07', 'Establishment of an information infrastructure that enables administrative services, medical care, long-term care, and education to be provided seamlessly between smart cities'),
    ('V13', 'Recalling its resolutions 77/211 of 15 December 2022 on the right to privacy in the digital age, 78/213 of 19 December 2023 on the promotion and protection of human rights in the context of digital technologies,'),
    ('V20', 'The CDEI published a Portfolio of AI Assurance Techniques in June 2023.'),
    ('V18', '本件の担当責任者は、デジタル推進課長の佐藤一郎である。'),
    ('V21', '金融機関は、与信審査にAIを用いた場合、審査結果の主な理由を顧客に説明できる体制を整えておくべきである。'),
    # Round 9, thirteenth set: the prohibition of the use of force, the sovereign equality of countries, international
    # human rights standards (not international cooperation)
    ('V06', 'AI should conform to the basic principles of international law, such as the prohibition of the use of force.'),
    ('V14', 'AI should conform to the basic principles of modern international law, such as the sovereign equality of all countries.'),
    ('V05', 'The development and use of AI must respect, promote and protect international human rights standards.'),
    # Japanese set 13: the name of the person in charge, hearing an explanation, a provider's warning to its users
    # (the business guideline files it under its topic, not education), a hospital's safety committee by name
    ('V13', '報告書の末尾には、作成部署名及び責任者の氏名を記載すること。'),
    ('V18', '報告書の末尾には、作成部署名及び責任者の氏名を記載すること。'),
    ('V15', 'ヒアリングでは、3つの業界団体から各15分程度で説明を受け、その後質疑応答を行った。'),
    ('V07', '提供するAIシステム・サービスへの個人情報の不適切入力について注意喚起する(「4)プライバシー保護」)'),
    ('V11', '本院は、AIを用いた医療機器の導入に当たり、医療安全管理委員会の審議を経ることとする。'),
    # Japanese set 15: fair price formation on a market, safety instruction of drivers, a standard cited by its title
    ('V14', '取引所は、市場における公正な価格形成を確保するため、売買審査を行っている。'),
    ('V11', 'ドライバーの運転状況をAIカメラで分析する場合、取得した映像は安全指導の目的に限って使用する。'),
    ('V11', '「金融機関等コンピュータシステムの安全対策基準」は、公益財団法人金融情報システムセンターが策定しているものである。'),
    # Round 10: following international discussions, a principle of government, an actor who provides training data,
    # interoperability of rules, bioethics in a title, a publisher's disclaimer, a section that explains the report,
    # affordable and reliable energy (SDG 7), governance in the name of a centre
    ('V05', '国内外の動向・国際的な議論の動向のフォローアップ及び情報発信'),
    ('V18', 'なお、これらの法制度による対応にあたっては、法の支配、適正手続き、民主的責任行政などの基本原理を遵守する必要がある。'),
    ('V09', 'なお、上記3つの主体のほか、学習データを提供する者、データセンター等のAIに必要な資源を提供する者、研究を行う者等、様々な関係者が存在することにも留意する必要がある。'),
    ('V10', '「国際的な相互運用性」及び「政府によるAIの適正な調達と利用」を基本原則として議論を行った。'),
    ('V02', '98. French bioethics law: an original participatory approach for the National Bioethics Consultation.'),
    ('V18', 'In no event shall the publisher be liable for damages arising from its use.'),
    ('V15', 'Section 1 explains the rationale for our engagement in this topic and the intended readership of the report.'),
    ('V17', 'SDG7: Access to affordable, reliable, sustainable and modern energy for all.'),
    ('V22', 'SDG7: Access to affordable, reliable, sustainable and modern energy for all.'),
    ('V21', 'We thank the following organisations: Ada Lovelace Institute, Centre for the Governance of AI, and UK AI Safety Institute.'),
    # Round 10, sets H and I: NIST's tags of actor tasks, a centre's name, a fair allocation of liability, a person's
    # vulnerabilities exploited (EU AI Act Article 5), a difference between AI systems, open-source release, the risk
    # of a person committing a crime, compensating people harmed
    ('V20', 'AI Actor Tasks: AI Deployment, AI Impact Assessment, Affected Individuals and Communities, Domain Experts, End-Users, Operation and Monitoring, TEVV'),
    ('V21', 'AI Actor Tasks: Governance and Oversight'),
    ('V12', 'Georgetown Center for Security and Emerging Technology.'),
    ('V14', 'We recognise the link between the fair and effective allocation of liability throughout the AI life cycle and the availability and clarity of routes to redress.'),
    ('V12', 'AI systems that detect drowsiness and fatigue in drivers and alert them to rest in compliance with safety laws are beneficial and do not qualify as exploitation of vulnerabilities within the meaning of Article 5(1)(b) AI Act.'),
    ('V10', 'Risk prioritization may differ between AI systems that are designed or deployed to directly interact with humans as compared to AI systems that are not.'),
    ('V15', 'When disclose developed AI systems as open source, consider any potential social impacts.'),
    ('V11', '5.2.1. Assessing the risk or predicting the likelihood of a person committing a crime'),
    # Round 10, sets J and K: "failing that", securing (ensuring) ethical AI, a fair transition for workers, a disclaimer
    # of the contents, staff pay, the intended purpose as a technical term, a website checked for standards, a minutes line
    ('V17', 'The provider or prospective provider shall adopt immediate mitigation measures or, failing that, shall suspend the testing in real world conditions until such mitigation takes place, or otherwise terminate it.'),
    ('V12', 'Instead, it aims to offer guidance on the second and third components: fostering and securing ethical and robust AI.'),
    ('V14', 'b) Governments should take steps, including through social dialogue, to ensure a fair transition for workers as AI is deployed.'),
    ('V18', 'The contents of this working document are the sole responsibility of the High-Level Expert Group on Artificial Intelligence (AI HLEG).'),
    ('V18', 'Agencies shall also, where applicable, use existing incentives, pay-setting authorities, and other compensation flexibilities.'),
    ('V06', '5. A description of the intended purpose of the AI system;'),
    ('V20', 'Governments should regularly check the Standards Australia website for new AI related standards.'),
    ('V15', '事務局より、資料3に基づき、これまでの議論の整理案について説明が行われた。'),
    ('V18', '当社は、AIに関する重要な意思決定の内容とその理由を、株主、取引先及び地域社会に対して説明する責任を果たします。'),
    # Round 10, sets L and M: a report that does not assess a risk (negation), education as a high-risk domain, food safety
    # as an analogy, a market that is not transparent, a person's legal stability, an authority's remit, "as explained"
    ('V11', 'Due to insufficient scientific work, this interim report does not assess the risks of malicious use leading to chemical, radiological, and nuclear risks.'),
    ('V06', 'Due to insufficient scientific work, this interim report does not assess the risks of malicious use leading to chemical, radiological, and nuclear risks.'),
    ('V07', '(b) AI systems intended to be used to evaluate learning outcomes, including when those outcomes are used to steer the learning process of natural persons in educational and vocational training institutions at all levels;'),
    ('V11', '9 Analogous to questions of (loss of) trust in aviation, nuclear power or food safety, it is not simply components of the AI system but the system in its overall context that may or may not engender trust.'),
    ('V15', 'Harm can also result from engaging in unfair competition, such as the homogenisation of prices by means of collusion or a non-transparent market.'),
    ('V17', '(112) Other people in unique social contexts may be, for instance, migrants or refugees, who often lack stable legal status and socio-economic stability.'),
    ('V18', 'Together these regulators are responsible for overseeing some of the most significant regulatory regimes that govern AI products.'),
    ('V15', 'As explained previously, reversibility refers to the information about the degree of reparability or restoration that is possible for potentially affected persons.'),
    # Round 10, sets P and Q and Japanese set 19: human judgments of quality for fine-tuning, reputational damage, a
    # terrorist attack, national data protection authorities by name, unfair manipulation, an overseer's understanding,
    # users disclosing their health, a CAIO post, a headquarters by name, monitoring employees, data authenticity
    ('V08', 'This data helps fine-tune language models to conform with user and developer needs, adapt to diverse preferences, and ground the models in human judgments of quality and helpfulness (20, 21*, 87*).'),
    ('V11', 'Despite considerable attention in the literature and economic incentives for companies to avoid reputational damage from biased AI products, mitigating bias remains an unsolved challenge.'),
    ('V12', 'The police are informed that a person is running around a park looking for people to attack with a knife while he is screaming violent extremist slogans usually linked to terrorist attacks and terrorist groups.'),
    ('V13', '(422) National market surveillance authorities and national data protection authorities are free to decide whether they wish to submit individual reports or a joint report per Member State.'),
    ('V14', 'AI systems can sometimes be deployed to shape and influence human behaviour through mechanisms that may be difficult to detect, including various forms of unfair manipulation, deception, herding and conditioning.'),
    ('V15', 'The person in charge of human oversight should have sufficient AI literacy, training and authority to understand how the system functions and when it underperforms or malfunctions.'),
    ('V15', 'Studies have observed that users may disclose mental health issues in conversations with chatbots.'),
    ('V18', '各府省庁は、AIの利活用を統括する最高AI責任者（CAIO）を置き、庁内の推進体制を整備する。'),
    ('V12', 'サイバーセキュリティ戦略本部の構成員については、参考資料3を参照されたい。'),
    ('V20', '従業員の行動をAIで常時監視することは、プライバシーの侵害や萎縮効果を招くおそれがあり、必要最小限にとどめるべきである。'),
    ('V19', '入力データに虚偽や改ざんされた情報が混入すると出力の信頼性が損なわれることから、データの真正性を確認する手順を設ける。'),
])
def test_look_alikes_of_added_terms_are_not_evidence(value, text):
    supports, _ = _scores(text).get(value, (False, []))
    assert not supports


# Codebook probes: short sentences written from the codebook's definition of each value (not taken from any
# document); the lexicon codes each with its value. Session 22 (round 6): 180 in plain words; session 23 (round 7):
# 380 more in the registers of legal acts and risk frameworks, Japanese government guidelines, sector guidance, and
# measures that serve a value; session 24 (round 8): 42 Japanese paraphrases in plain words, two per value, and 84
# coded pairs of a set of Japanese policy-style sentences written by a helper to avoid the value labels and coded
# blind in two passes, and the coded pairs of four more such sets (two English, two Japanese) by other writers
# (docs/extraction.md, round 8); session 25 (round 9): the coded pairs of three further Japanese sets written that way (92, 97 and 90);
# session 26 (round 10): those of Japanese sets 17, 18 and 19 (91, 99 and 96).
# Only the probes the lexicon codes are kept here; the rest are counted in docs/extraction.md (rounds 6 to 9).
PROBES = list(pd.read_csv(Path(__file__).parent / "fixtures" / "codebook_probes.csv")[["value_code", "text"]]
              .itertuples(index=False, name=None))


def test_codebook_probes_are_listed_once():
    assert len(set(PROBES)) == len(PROBES)


@pytest.mark.parametrize("value, text", PROBES, ids=[f"{v}-{t[:30]}" for v, t in PROBES])
def test_codebook_probe_is_coded(value, text):
    supports, _ = _scores(text).get(value, (False, []))
    assert supports


def test_vancouver_style_references_are_bibliographic():
    """A numbered reference in the style of medical journals states nothing (codebook: reference list)."""
    got = _scores("306. Metz C, Wakabayashi D. Google researcher said she was fired over paper highlighting bias in AI.")
    assert not any(ok for ok, _ in got.values())


def test_bare_responsibility_is_v18_not_v16():
    got = _scores("Responsibility for the model rests with the developer.")
    assert got["V18"][0] and not got.get("V16", (False, []))[0]


def test_a_weak_term_does_not_hide_a_strong_one_inside_it():
    """Per value, strong matches are taken first: "User Data" (weak) must not hide "Data Protection" (strong)."""
    ok, matched = _scores("g) User Data Protection: Outline of how user data will be used and protected.")["V13"]
    assert ok and "data protection" in matched


def test_a_quoted_sentence_about_principles_is_not_a_title():
    """Only a capitalised document noun makes a quotation a title; a quoted sentence still states its values."""
    got = _scores("According to a draft proposal, the committee “may be constituted for the procurement of AI systems "
                  "and be made accountable for adherence to the Responsible AI principles”.")
    assert got["V16"][0]


def test_a_footnote_number_glued_to_a_word_ends_it():
    """PDF text glues footnote numbers to words ("oversight28"); the English terms still match, with the span of
    the word alone (round 9)."""
    text = "This means securing human oversight28 over work processes in AI systems."
    s = score_passages(pd.DataFrame({"doc_id": ["d"], "passage_id": ["d:0"], "text": [text]}))
    row = s[s.value_code == "V08"].iloc[0]
    start, end = map(int, row.spans.split(";")[0].split("-"))
    assert row.supports and text[start:end] == "human oversight"
    assert "V12" not in set(s.value_code[s.supports])        # securing oversight is not security
    assert not _scores("Use covid19 data and ISO27001.")        # digits inside names are not cut into terms


def test_being_responsible_or_liable_is_v18_not_v16():
    """The coders of every fresh set coded being responsible or liable for AI as 責任 (V18), not accountability."""
    got = _scores("(79) It is appropriate that a specific natural or legal person, defined as the provider, takes responsibility "
                  "for the placing on the market or the putting into service of a high-risk AI system.")
    assert got["V18"][0] and not got.get("V16", (False, []))[0]
    got = _scores("Operators of relevant systems need to be held strictly liable for harm or damage.")
    assert got["V18"][0] and not got.get("V16", (False, []))[0]
